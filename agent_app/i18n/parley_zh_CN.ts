<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgentApp</name>
    <message>
        <location filename="../app.py" line="53"/>
        <source>No Parley relay answers at %1. Check the address and that the relay runs.</source>
        <translation>%1 没有 Parley 中继服务器应答。请检查地址，并确认中继服务器正在运行。</translation>
    </message>
    <message>
        <location filename="../app.py" line="61"/>
        <source>The relay did not accept this login. Check the user name and password.</source>
        <translation>中继服务器未接受此登录。请检查用户名和密码。</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../features/alerts.py" line="51"/>
        <source>the site</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="52"/>
        <source>landed on %1</source>
        <translation>进入页面 %1</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="104"/>
        <source>Invite to chat</source>
        <translation>邀请咨询</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="141"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="142"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../features/chat.py" line="223"/>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../features/chat.py" line="228"/>
        <source>The relay refused: %1 (%2)</source>
        <translation>中继服务器拒绝：%1（%2）</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../views/chat_pane.py" line="88"/>
        <location filename="../views/chat_pane.py" line="300"/>
        <source>Choose a conversation</source>
        <translation>请选择一个会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="90"/>
        <source>Take</source>
        <translation>接待</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="91"/>
        <source>Answer this chat yourself</source>
        <translation>由我接待这个会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="92"/>
        <source>Close chat</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="95"/>
        <source>Transfer…</source>
        <translation>转接…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="96"/>
        <source>Hand this chat to a colleague or a department</source>
        <translation>把这个会话转给同事或部门</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="98"/>
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="99"/>
        <source>Hand this chat to a senior of its department</source>
        <translation>把这个会话交给本部门的资深客服</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="101"/>
        <source>Ask a colleague…</source>
        <translation>邀请同事…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="102"/>
        <source>Ask a colleague to join this chat and help</source>
        <translation>邀请同事加入这个会话协助</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="104"/>
        <source>Leave chat</source>
        <translation>退出会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="105"/>
        <source>Stop helping in this chat; it stays open</source>
        <translation>不再协助这个会话；会话继续进行</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="160"/>
        <source>Right-click (or the menu key) a message to copy, quote or withdraw it</source>
        <translation>右键单击（或按菜单键）消息，可复制、引用或撤回</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="181"/>
        <source>Do not quote (Esc)</source>
        <translation>取消引用（Esc）</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="202"/>
        <location filename="../views/chat_pane.py" line="263"/>
        <source>Write a reply. Enter sends, Shift+Enter: new line</source>
        <translation>输入回复。Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="211"/>
        <location filename="../views/chat_pane.py" line="266"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="213"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="214"/>
        <source>Send a file (or drop files on the chat)</source>
        <translation>发送文件（也可把文件拖到聊天窗口）</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="221"/>
        <source>Reply to visitor</source>
        <translation>回复访客</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="222"/>
        <location filename="../views/chat_pane.py" line="244"/>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="244"/>
        <source>Whisper to agents</source>
        <translation>悄悄话（仅客服）</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="251"/>
        <source>Whisper: only the agents of this chat see it. Enter sends</source>
        <translation>悄悄话：只有本会话的客服能看到。按 Enter 发送</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="253"/>
        <source>Internal note: only agents see it, never the visitor. Enter saves</source>
        <translation>内部备注：只有客服能看到，访客永远看不到。按 Enter 保存</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="256"/>
        <source>Whisper</source>
        <translation>发送悄悄话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="256"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="317"/>
        <source>Typing: %1</source>
        <translation>正在输入：%1</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="326"/>
        <source>Replying to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="356"/>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="424"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="426"/>
        <source>Quote in reply</source>
        <translation>引用回复</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="429"/>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="435"/>
        <source>Withdraw message</source>
        <translation>撤回消息</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="438"/>
        <source>Withdraw this message? It disappears for the visitor too; the relay keeps a record for admins.

%1</source>
        <translation>撤回这条消息吗？访客那边也会同时消失；服务器会为管理员保留记录。

%1</translation>
    </message>
</context>
<context>
    <name>ConversationCard</name>
    <message>
        <location filename="../views/card_words.py" line="37"/>
        <source>waiting &lt;1 min</source>
        <translation>已等待不到 1 分钟</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="41"/>
        <source>waiting %1 min</source>
        <translation>已等待 %1 分钟</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="47"/>
        <source>waiting %1 d</source>
        <translation>已等待 %1 天</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="50"/>
        <source>waiting %1 h %2 min</source>
        <translation>已等待 %1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="58"/>
        <source>Visitor #%1</source>
        <translation>访客 #%1</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="183"/>
        <source>(message withdrawn)</source>
        <translation>（消息已撤回）</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="262"/>
        <source>left a message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="264"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="66"/>
        <source>on the site</source>
        <translation>在网站上</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="68"/>
        <source>last seen %1</source>
        <translation>最后在线 %1</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <location filename="../features/conversations.py" line="26"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="27"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="28"/>
        <source>offered</source>
        <translation>已分配待接</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="29"/>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="30"/>
        <source>transferring</source>
        <translation>转接中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="31"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="96"/>
        <source>handed on</source>
        <translation>已转交</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="97"/>
        <source>chat #%1</source>
        <translation>会话 #%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="105"/>
        <source>started on %1</source>
        <translation>发起页面：%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="116"/>
        <source>%1 is no longer yours to answer</source>
        <translation>%1 已不归你接待</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="119"/>
        <source>No longer yours to answer</source>
        <translation>已不归你接待</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="121"/>
        <source>Handed to %1</source>
        <translation>已转交给%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="122"/>
        <source>Handed to a colleague</source>
        <translation>已转交给同事</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="144"/>
        <source>%1 is still waiting for an answer. Close the chat anyway?</source>
        <translation>%1 仍在等待回复。仍要结束会话吗？</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="150"/>
        <source>Close chat</source>
        <translation>结束会话</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../desk.py" line="53"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../desk.py" line="54"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../desk.py" line="55"/>
        <source>Offline: reconnecting</source>
        <translation>离线：正在重新连接</translation>
    </message>
    <message>
        <location filename="../desk.py" line="56"/>
        <source>Offline: the relay asks to wait</source>
        <translation>离线：中继服务器要求等待</translation>
    </message>
    <message>
        <location filename="../desk.py" line="57"/>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <location filename="../desk.py" line="58"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../desk.py" line="75"/>
        <source>Connected as %1</source>
        <translation>已连接，身份：%1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="79"/>
        <source>Logged out: %1</source>
        <translation>已退出登录：%1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="82"/>
        <source>Offline: no answer from %1, trying again</source>
        <translation>离线：%1 无应答，正在重试</translation>
    </message>
    <message>
        <location filename="../desk.py" line="307"/>
        <source>This desktop has no system tray: Parley works from this window.</source>
        <translation>此桌面没有系统托盘：请在此窗口中使用 Parley。</translation>
    </message>
    <message>
        <location filename="../desk.py" line="362"/>
        <source>The relay&apos;s records were restored or moved: the chats are loaded again.</source>
        <translation>中继服务器的记录已恢复或迁移：正在重新加载会话。</translation>
    </message>
    <message>
        <location filename="../desk.py" line="401"/>
        <source>%1: no chat yet; what they type shows below</source>
        <translation>%1：尚未发起会话；对方正在输入的内容会显示在下方</translation>
    </message>
    <message>
        <location filename="../desk.py" line="458"/>
        <source>You were set Away: chats offered to you went unanswered. Set yourself Online to get chats again.</source>
        <translation>你已被设为“离开”：分配给你的会话无人接受。把自己设为“在线”即可再接收会话。</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../features/files.py" line="56"/>
        <source>Uploading %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="58"/>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="67"/>
        <source>This relay does not take files.</source>
        <translation>此中继服务器不接收文件。</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="73"/>
        <source>Not uploaded: %1</source>
        <translation>未上传：%1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="84"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="88"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>InvitationRules</name>
    <message>
        <location filename="../models/invitation_rules.py" line="64"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="95"/>
        <source>Repeated invitations need a gap: set “Again after” to more than 0 s.</source>
        <translation>重复邀请需要间隔：请把“再次邀请间隔”设为大于 0 秒。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="100"/>
        <source>Repeated invitations need “At most” of 1 or more a visit.</source>
        <translation>重复邀请时，“每次访问最多”至少为 1。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="111"/>
        <source>Give the rule a name, such as “Prices page from Baidu”.</source>
        <translation>请为规则命名，例如“百度来的价格页访客”。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="116"/>
        <source>Another rule is called “%1”: give this one another name.</source>
        <translation>已有一条规则叫“%1”：请换个名字。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="122"/>
        <source>A one-question survey needs its question in “Words”.</source>
        <translation>单题问卷需要在“内容”里写上问题。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="128"/>
        <source>A page or site pattern is empty.</source>
        <translation>有一个页面或网站规则为空。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="135"/>
        <source>Every variant needs a name (A, B…).</source>
        <translation>每个版本都需要名称（A、B…）。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="137"/>
        <source>Two variants have the same name.</source>
        <translation>有两个版本同名。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="139"/>
        <source>Variants are compared with each other: add a second one, or remove this one.</source>
        <translation>版本之间要相互比较：请再添加一个，或删除这一个。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="144"/>
        <source>At least one variant needs a weight above 0.</source>
        <translation>至少一个版本的权重要大于 0。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="150"/>
        <source>An A/B test needs at least two variants.</source>
        <translation>A/B 测试至少需要两个版本。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="154"/>
        <source>The rate worth finding must differ from today&apos;s rate.</source>
        <translation>“期望达到”必须与“目前接受率”不同。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="165"/>
        <source>A page pattern is empty.</source>
        <translation>有一个页面规则为空。</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="188"/>
        <source>collecting</source>
        <translation>收集中</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="193"/>
        <source>%1 more shown</source>
        <translation>还需展示 %1 次</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="196"/>
        <source>%1 more accepted</source>
        <translation>还需 %1 次接受</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="199"/>
        <source>runs until %1</source>
        <translation>至少运行到 %1</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="203"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="204"/>
        <source>collecting: needs %1</source>
        <translation>收集中：%1</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="206"/>
        <source>the baseline</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="208"/>
        <source>wins: better than every variant</source>
        <translation>胜出：优于所有其他版本</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="212"/>
        <source>wins: %1 against the baseline (p = %2)</source>
        <translation>胜出：相比对照组 %1（p = %2）</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="215"/>
        <source>better than the baseline: %1 (p = %2)</source>
        <translation>优于对照组：%1（p = %2）</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="218"/>
        <source>worse than the baseline: %1 (p = %2)</source>
        <translation>不如对照组：%1（p = %2）</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="221"/>
        <source>no difference found: %1 (p = %2)</source>
        <translation>未发现差别：%1（p = %2）</translation>
    </message>
</context>
<context>
    <name>InvitationRulesDialog</name>
    <message>
        <location filename="../views/invitation_rules.py" line="80"/>
        <source>Invitation rules</source>
        <translation>邀请规则</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="88"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="91"/>
        <source>Site</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="94"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="95"/>
        <source>For every invitation</source>
        <translation>所有邀请的设置</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="120"/>
        <source>Rules invite visitors by themselves. The first rule that matches a visitor wins; counts are since the rule was last changed.</source>
        <translation>规则会自动邀请访客。访客符合多条规则时，按排在最前的一条执行；统计从规则上次修改时算起。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="130"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="131"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="132"/>
        <location filename="../views/invitation_rules.py" line="185"/>
        <source>Shown</source>
        <translation>已显示</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="133"/>
        <location filename="../views/invitation_rules.py" line="186"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="134"/>
        <location filename="../views/invitation_rules.py" line="187"/>
        <source>Rate</source>
        <translation>接受率</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="135"/>
        <location filename="../views/invitation_rules.py" line="189"/>
        <source>Chats</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="136"/>
        <location filename="../views/invitation_rules.py" line="190"/>
        <source>Replied</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="149"/>
        <source>New rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="151"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="153"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="155"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="157"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="178"/>
        <location filename="../views/invitation_rules.py" line="376"/>
        <source>Results of the selected rule</source>
        <translation>所选规则的效果</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="183"/>
        <source>Variant</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="184"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="188"/>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="191"/>
        <source>Test says</source>
        <translation>测试结论</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="216"/>
        <source>Hello! Can we help you?</source>
        <translation>您好！有什么可以帮您？</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="220"/>
        <source>Sent when an agent invites without words of their own, and by rules without words.</source>
        <translation>客服邀请时没有自己填写内容、或规则没有设置内容时，就发送这段问候语。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="229"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="232"/>
        <source>Sorry we missed you. Write to us any time and we will answer.</source>
        <translation>抱歉刚才没能及时回复。欢迎随时留言，我们会尽快答复。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="236"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="239"/>
        <source>Greeting</source>
        <translation>问候语</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="241"/>
        <source>Shown for</source>
        <translation>显示时长</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="242"/>
        <source>Left in the chat after no answer</source>
        <translation>无人回应后留在会话中的话</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="243"/>
        <source>How often a visitor may be invited</source>
        <translation>同一访客可被邀请的频率</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="268"/>
        <source>No site to set up.</source>
        <translation>没有可设置的网站。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="272"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="292"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="294"/>
        <source>Rule saved.</source>
        <translation>规则已保存。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="296"/>
        <source>Rule deleted.</source>
        <translation>规则已删除。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="326"/>
        <source>On: the rule invites visitors</source>
        <translation>启用：此规则会邀请访客</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="377"/>
        <source>Choose a rule to see how it does.</source>
        <translation>选择一条规则，查看它的效果。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="383"/>
        <source>Results of “%1”</source>
        <translation>“%1”的效果</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="390"/>
        <source>Counted since %1, when the rule was last changed.</source>
        <translation>自 %1（规则上次修改时）起统计。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="394"/>
        <source>Nothing counted yet.</source>
        <translation>暂无统计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invitation_rules.py" line="416"/>
        <source>A/B test: each variant is shown to %n visitor(s) before the result counts.</source>
        <translation>
            <numerusform>A/B 测试：每个版本需展示给 %n 位访客后，结果才算数。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="422"/>
        <source>No A/B test: every visitor gets the same invitation.</source>
        <translation>没有 A/B 测试：所有访客收到相同的邀请。</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="425"/>
        <source>Verdict: %1</source>
        <translation>结论：%1</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="433"/>
        <source>still collecting, no result yet</source>
        <translation>仍在收集数据，暂无结果</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="435"/>
        <source>no difference between the variants</source>
        <translation>各版本之间没有差别</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="438"/>
        <source>%1 is accepted more often</source>
        <translation>%1 更常被接受</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="479"/>
        <location filename="../views/invitation_rules.py" line="489"/>
        <location filename="../views/invitation_rules.py" line="531"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="499"/>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="500"/>
        <source>Delete the rule “%1” and its counts?</source>
        <translation>删除规则“%1”及其统计吗？</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="507"/>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
</context>
<context>
    <name>Invitations</name>
    <message>
        <location filename="../views/invitation_words.py" line="20"/>
        <source>invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="21"/>
        <source>invite seen</source>
        <translation>已看到邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="22"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="23"/>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="24"/>
        <source>no answer</source>
        <translation>未回应</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="25"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="29"/>
        <source>Invited, not on their screen yet</source>
        <translation>已邀请，尚未显示在访客屏幕上</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="30"/>
        <source>Invitation on their screen</source>
        <translation>邀请正显示在访客屏幕上</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="31"/>
        <source>Accepted the invitation</source>
        <translation>已接受邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="32"/>
        <source>Declined the invitation</source>
        <translation>已拒绝邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="33"/>
        <source>Did not answer the invitation</source>
        <translation>未回应邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="34"/>
        <source>Invitation withdrawn</source>
        <translation>邀请已撤回</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="66"/>
        <source>rule “%1”</source>
        <translation>规则“%1”</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="69"/>
        <source>a rule</source>
        <translation>自动规则</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="75"/>
        <source>the site&apos;s greeting</source>
        <translation>网站的问候语</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="77"/>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="87"/>
        <source>%1, sent %2</source>
        <translation>%1，%2 发出</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="145"/>
        <location filename="../views/invitation_words.py" line="38"/>
        <source>has left the site</source>
        <translation>已离开网站</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="152"/>
        <location filename="../views/invitation_words.py" line="39"/>
        <source>is already chatting</source>
        <translation>已在会话中</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="154"/>
        <location filename="../views/invitation_words.py" line="40"/>
        <source>already has an invitation waiting</source>
        <translation>已有一个邀请在等待回应</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="162"/>
        <source>Not connected to the relay: nobody can be invited now.</source>
        <translation>未连接中继服务器：现在无法邀请。</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="179"/>
        <source>The relay did not answer: look at the visitors&apos; rows before trying again.</source>
        <translation>中继服务器没有回应：重试前请先查看访客列表中的状态。</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="196"/>
        <source>Invited: %1; not invited: %2</source>
        <translation>已邀请：%1；未邀请：%2</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="201"/>
        <source>Invited: %1</source>
        <translation>已邀请：%1</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="305"/>
        <source>Not connected to the relay: try again once connected.</source>
        <translation>未连接中继服务器：连接后再试。</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="324"/>
        <source>The relay refused it (%1).</source>
        <translation>中继服务器拒绝了此操作（%1）。</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="328"/>
        <source>Too much at once: wait a moment and try again.</source>
        <translation>操作太频繁：请稍等再试。</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="349"/>
        <source>Not withdrawn: %1</source>
        <translation>未撤回：%1</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="41"/>
        <source>is not known to the relay</source>
        <translation>中继服务器找不到此访客</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../views/invite_dialog.py" line="70"/>
        <source>Invite to chat</source>
        <translation>邀请咨询</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="78"/>
        <source>Invite %n visitor(s) to chat:</source>
        <translation>
            <numerusform>邀请 %n 位访客咨询：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="95"/>
        <location filename="../views/invite_dialog.py" line="252"/>
        <source>Send invitation</source>
        <translation>发送邀请</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="111"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="119"/>
        <source>What they read</source>
        <translation>访客看到的内容</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="121"/>
        <source>The site&apos;s greeting</source>
        <translation>网站的问候语</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="122"/>
        <source>A phrase:</source>
        <translation>常用语：</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="123"/>
        <source>My own words:</source>
        <translation>自己写：</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="133"/>
        <source>(no phrases yet)</source>
        <translation>（还没有常用语）</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="136"/>
        <source>Hello! Can I help you find the right course?</source>
        <translation>您好！需要我帮您找合适的课程吗？</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="141"/>
        <source>They read:</source>
        <translation>访客将看到：</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="143"/>
        <source>They read (each with their own name and place):</source>
        <translation>访客将看到（各自的姓名和所在地会自动填入）：</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="196"/>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="204"/>
        <source>The greeting an admin set for the site (Invitation rules), or a hello in the visitor&apos;s language.</source>
        <translation>管理员为网站设置的问候语（见“邀请规则”），未设置时按访客的语言问好。</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="225"/>
        <source>Write what they should read, or choose the site&apos;s greeting.</source>
        <translation>请写下要发送的内容，或选择网站的问候语。</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="229"/>
        <source>This phrase has no text to send.</source>
        <translation>这条常用语没有可发送的文字。</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="234"/>
        <source>An invitation holds at most %1 characters; this one has %2.</source>
        <translation>邀请最多 %1 个字，现在有 %2 个。</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="246"/>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="259"/>
        <source>%n visitor(s) invited.</source>
        <translation>
            <numerusform>已邀请 %n 位访客。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="261"/>
        <source>Not invited:</source>
        <translation>未邀请：</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="264"/>
        <source>• %1 %2</source>
        <translation>• %1 %2</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="268"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>JoinAsk</name>
    <message>
        <location filename="../features/colleagues.py" line="163"/>
        <source>%1 asks you to join a chat</source>
        <translation>%1 邀请你加入会话</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="184"/>
        <location filename="../views/join_ask.py" line="170"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="189"/>
        <location filename="../views/join_ask.py" line="171"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="243"/>
        <source>Asked %1 to join (%2 left)</source>
        <translation>已邀请 %1 加入（剩 %2）</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="246"/>
        <source>%1 left</source>
        <translation>%1 已离开</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="248"/>
        <source>%1 joined</source>
        <translation>%1 已加入</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="250"/>
        <source>%1 declined</source>
        <translation>%1 已拒绝</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="252"/>
        <source>No answer from %1</source>
        <translation>%1 未回应</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="60"/>
        <source>Ask a colleague to join</source>
        <translation>邀请同事加入</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="65"/>
        <source>Ask a colleague of %1 to join this chat and help. It stays yours.</source>
        <translation>邀请%1的同事加入这个会话协助。会话仍由你负责。</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="71"/>
        <source>Ask a colleague to join this chat and help. It stays yours.</source>
        <translation>邀请同事加入这个会话协助。会话仍由你负责。</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="81"/>
        <source>Nobody who may see this chat is online now: transfer it instead.</source>
        <translation>现在没有能看到这个会话的同事在线：请改为转接。</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="90"/>
        <source>What you need help with (agents only)</source>
        <translation>需要协助的内容（仅客服可见）</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="96"/>
        <source>Ask to join</source>
        <translation>邀请加入</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="110"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="151"/>
        <source>%1 asks you to join a chat: %2</source>
        <translation>%1 邀请你加入会话：%2</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="169"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
</context>
<context>
    <name>LimitCounter</name>
    <message>
        <location filename="../views/text_limit.py" line="46"/>
        <source>%1 / %2 characters: cut %3 to send it</source>
        <translation>%1 / %2 个字：删去 %3 个字才能发送</translation>
    </message>
    <message>
        <location filename="../views/text_limit.py" line="52"/>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 个字</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../views/login.py" line="36"/>
        <source>Log in to Parley</source>
        <translation>登录 Parley</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="43"/>
        <source>Remember me on this computer</source>
        <translation>在这台电脑上记住我</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="54"/>
        <source>Relay</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="55"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="56"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="61"/>
        <source>This desktop has no keyring service, so Parley cannot remember the login safely; you will be asked for the password at every start.</source>
        <translation>此桌面没有密钥环服务，Parley 无法安全地记住登录信息；每次启动都需要输入密码。</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="72"/>
        <location filename="../views/login.py" line="111"/>
        <location filename="../views/login.py" line="132"/>
        <location filename="../views/login.py" line="138"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="111"/>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="145"/>
        <source>Fill in the relay address, your user name and your password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="348"/>
        <location filename="../views/visitor_details.py" line="36"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="37"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="38"/>
        <source>Phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="39"/>
        <source>Address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="40"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="41"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="42"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="43"/>
        <source>Landing page</source>
        <translation>着陆页</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="44"/>
        <source>Page</source>
        <translation>当前页面</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="45"/>
        <source>Visits</source>
        <translation>访问次数</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="46"/>
        <source>First seen</source>
        <translation>首次访问</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="47"/>
        <source>On site since</source>
        <translation>本次到访</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="48"/>
        <source>Path</source>
        <translation>浏览路径</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="49"/>
        <source>Earlier</source>
        <translation>以往记录</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="70"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="71"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="72"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="73"/>
        <source>Others&apos;</source>
        <translation>同事的</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="74"/>
        <source>Closed today</source>
        <translation>今日已结束</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="66"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="71"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="75"/>
        <source>%1, here now</source>
        <translation>%1，仍在此页</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="147"/>
        <source>Filter visitors</source>
        <translation>筛选访客</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="174"/>
        <source>Nobody on the site</source>
        <translation>网站上暂无访客</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="175"/>
        <source>&amp;Invite to chat…</source>
        <translation>邀请咨询(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="179"/>
        <source>Invite the selected visitors to chat (Ctrl+I; Ctrl-click selects several)</source>
        <translation>邀请所选访客咨询（Ctrl+I；按住 Ctrl 点击可多选）</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="261"/>
        <source>Show the chats of one department</source>
        <translation>只显示一个部门的会话</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="295"/>
        <source>Search transcripts (works offline)</source>
        <translation>搜索聊天记录（离线可用）</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="297"/>
        <source>Search every transcript kept on this computer, also without a connection</source>
        <translation>搜索这台电脑上保存的所有聊天记录，断网时也能用</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="133"/>
        <source>Locations: %1 and %2 (CC BY 4.0)</source>
        <translation>位置数据：%1 和 %2（CC BY 4.0）</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="349"/>
        <source>Phrases</source>
        <translation>常用语</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="362"/>
        <source>&amp;Parley</source>
        <translation>Parley(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="363"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="364"/>
        <source>&amp;Withdrawn messages…</source>
        <translation>已撤回的消息(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="366"/>
        <source>Invitation &amp;rules…</source>
        <translation>邀请规则(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="369"/>
        <source>S&amp;upervise chats…</source>
        <translation>监控会话(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="372"/>
        <source>&amp;Team…</source>
        <translation>团队(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="375"/>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="377"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="413"/>
        <source>visit %1, %2, %n pages</source>
        <translation>
            <numerusform>第 %1 次访问，%2，%n 个页面</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="418"/>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="425"/>
        <source>chat #%1, %2, %n messages</source>
        <translation>
            <numerusform>会话 #%1，%2，%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="432"/>
        <source>nothing before</source>
        <translation>无以往记录</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="500"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="293"/>
        <source>Open chat #%1 of %2</source>
        <translation>打开 %2 的会话 #%1</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="261"/>
        <source>no referrer</source>
        <translation>无来源页</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="100"/>
        <source>Invitation</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="105"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="107"/>
        <source>Choose the agent this visitor is offered to first</source>
        <translation>选择优先接待这位访客的客服</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="117"/>
        <source>Own agent</source>
        <translation>专属客服</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="155"/>
        <source>Invite…</source>
        <translation>邀请…</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="157"/>
        <source>Invite this visitor to chat (Ctrl+I)</source>
        <translation>邀请此访客咨询（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="161"/>
        <source>Withdraw</source>
        <translation>撤回邀请</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="163"/>
        <source>Take the invitation back before the visitor answers</source>
        <translation>在访客回应前收回邀请</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="265"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="485"/>
        <source>Nothing found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <location filename="../views/dates.py" line="17"/>
        <source>d MMM</source>
        <comment>a day of this year, as a Qt date format: d day, MMM month</comment>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="158"/>
        <source>(message withdrawn)</source>
        <translation>（消息已撤回）</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="191"/>
        <source>Whisper to the agents: the visitor does not see it</source>
        <translation>给客服的悄悄话：访客看不到</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="194"/>
        <source>%1 · whisper</source>
        <translation>%1 · 悄悄话</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="196"/>
        <source>Internal note: the visitor does not see it</source>
        <translation>内部备注：访客看不到</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="199"/>
        <source>%1 · internal note</source>
        <translation>%1 · 内部备注</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="210"/>
        <source>(withdrawn)</source>
        <translation>（已撤回）</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="323"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="335"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="337"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="350"/>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="352"/>
        <source>not sent: double-click to retry</source>
        <translation>未发送：双击重试</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="354"/>
        <source>seen</source>
        <translation>已读</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="356"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>Offers</name>
    <message>
        <location filename="../views/offers.py" line="49"/>
        <source>%1 asks your department to take: %2</source>
        <translation>%1 请你所在部门接手：%2</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="54"/>
        <source>%1 transfers a chat to you: %2</source>
        <translation>%1 把会话转给你：%2</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="57"/>
        <source>A chat is transferred to you: %1</source>
        <translation>有会话转给你：%1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="59"/>
        <source>Chat offered to you: %1</source>
        <translation>分配给你的会话：%1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="63"/>
        <source>%1 left</source>
        <translation>剩 %1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="78"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="81"/>
        <source>Visitor: %1</source>
        <translation>访客：%1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="84"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="85"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>PhraseDialog</name>
    <message>
        <location filename="../views/phrases_panel.py" line="43"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="44"/>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="45"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="230"/>
        <source>Edit phrase</source>
        <translation>编辑常用语</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="230"/>
        <source>New phrase</source>
        <translation>新建常用语</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="235"/>
        <source>Prices/IELTS: a / makes a sub-category</source>
        <translation>价格/雅思：用 / 分出子分类</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="237"/>
        <source>price: typing /price in a reply uses it</source>
        <translation>price：在回复框输入 /price 即可使用</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="250"/>
        <source>Hello {visitor.name|there}, I&apos;m {agent.name} of {site.name}.</source>
        <translation>您好，{visitor.name|朋友}！我是{site.name}的{agent.name}。</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="253"/>
        <source>https://… (link phrases)</source>
        <translation>https://…（链接类常用语）</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="256"/>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="259"/>
        <source>Shared with every agent</source>
        <translation>与所有客服共享</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="263"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="264"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="265"/>
        <source>Shortcut</source>
        <translation>快捷码</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="266"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="267"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="268"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="269"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="297"/>
        <source>The file this phrase sends</source>
        <translation>选择这条常用语要发送的文件</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <location filename="../features/phrases.py" line="109"/>
        <source>Open a chat first to use a phrase.</source>
        <translation>请先打开一个会话，再使用常用语。</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="144"/>
        <source>Import phrases</source>
        <translation>导入常用语</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="154"/>
        <location filename="../features/phrases.py" line="174"/>
        <source>Nothing imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="162"/>
        <source>Export phrases</source>
        <translation>导出常用语</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="181"/>
        <source>Phrases imported: %1</source>
        <translation>已导入常用语：%1 条</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="188"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>PhrasesPanel</name>
    <message>
        <location filename="../views/phrases_panel.py" line="84"/>
        <source>Search phrases (Ctrl+K)</source>
        <translation>搜索常用语（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="85"/>
        <source>Or type /shortcut in the reply box, then Space</source>
        <translation>也可以在回复框输入 /快捷码，再按空格</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="97"/>
        <source>No phrases yet. New… writes one; CSV… imports a list. Admins&apos; shared phrases appear here for everyone.</source>
        <translation>还没有常用语。点“新建…”添加一条，点“CSV…”导入列表。管理员共享的常用语会在这里显示给所有人。</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="103"/>
        <source>Send at once</source>
        <translation>点击即发送</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="106"/>
        <source>Checked: a click or Enter sends the phrase. Unchecked: it goes into the reply box</source>
        <translation>勾选：单击或按 Enter 直接发送常用语。不勾选：放入回复框</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="109"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="111"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="113"/>
        <source>Import phrases from CSV…</source>
        <translation>从 CSV 导入常用语…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="114"/>
        <source>Export phrases to CSV…</source>
        <translation>将常用语导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="153"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="204"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="205"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="210"/>
        <source>Delete “%1”? It goes from every agent&apos;s phrases.</source>
        <translation>删除“%1”吗？所有客服的常用语中都会删除它。</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="212"/>
        <source>Delete “%1”? It goes from your phrases.</source>
        <translation>删除“%1”吗？它会从您的常用语中删除。</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="215"/>
        <source>Delete phrase</source>
        <translation>删除常用语</translation>
    </message>
</context>
<context>
    <name>PolicyForm</name>
    <message>
        <location filename="../views/invitation_policy.py" line="22"/>
        <source>once a visit</source>
        <translation>每次访问一次</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="23"/>
        <source>once per visitor, ever</source>
        <translation>每位访客仅一次</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="24"/>
        <source>again and again</source>
        <translation>可多次</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="36"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="40"/>
        <source> a visit</source>
        <translation> 次</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="45"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="46"/>
        <source>0: only for the rest of that visit</source>
        <translation>0：只在该次访问的剩余时间内不再邀请</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="50"/>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="52"/>
        <source>/checkout*, /order/*</source>
        <translation>/checkout*, /order/*</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="54"/>
        <source>Page patterns, separated by commas: * stands for anything</source>
        <translation>页面规则，用逗号分隔：* 代表任意内容</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="56"/>
        <source>Only visitors who were here before</source>
        <translation>仅限以前来过的访客</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="58"/>
        <source>Only while an agent has room for another chat</source>
        <translation>仅在有客服能再接一个会话时</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="63"/>
        <source>Invite a visitor</source>
        <translation>邀请频率</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="64"/>
        <source>Again after</source>
        <translation>再次邀请间隔</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="65"/>
        <source>At most</source>
        <translation>每次访问最多</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="66"/>
        <source>Quiet after a “no”</source>
        <translation>被拒绝后暂停</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="67"/>
        <source>Quiet after a chat</source>
        <translation>会话后暂停</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="68"/>
        <source>Never on pages</source>
        <translation>不在这些页面邀请</translation>
    </message>
</context>
<context>
    <name>PopUps</name>
    <message>
        <location filename="../popups.py" line="91"/>
        <source>%1 new messages: %2</source>
        <translation>%1 条新消息：%2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="97"/>
        <source>New chat: %1</source>
        <translation>新会话：%1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="99"/>
        <source>New message: %1</source>
        <translation>新消息：%1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="103"/>
        <source>Started a chat</source>
        <translation>发起了会话</translation>
    </message>
    <message>
        <location filename="../popups.py" line="117"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../popups.py" line="120"/>
        <source>%1 and %2 more</source>
        <translation>%1 等，另有 %2 位</translation>
    </message>
    <message>
        <location filename="../popups.py" line="124"/>
        <source>%1 visitors need you</source>
        <translation>%1 位访客在等您</translation>
    </message>
</context>
<context>
    <name>Routing</name>
    <message>
        <location filename="../features/routing.py" line="39"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="40"/>
        <location filename="../features/routing.py" line="439"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="41"/>
        <location filename="../features/routing.py" line="443"/>
        <source>offered</source>
        <translation>已分配待接</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="42"/>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="43"/>
        <location filename="../features/routing.py" line="447"/>
        <source>transferring</source>
        <translation>转接中</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="44"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="288"/>
        <source>The relay refused it (%1).</source>
        <translation>服务器拒绝了（%1）。</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="292"/>
        <source>This relay cannot change the team yet: update it.</source>
        <translation>这台服务器还不能修改团队：请先升级。</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="359"/>
        <source>Transfer to you: %1</source>
        <translation>转给你：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="361"/>
        <source>Chat offered: %1</source>
        <translation>新会话待接：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="367"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="371"/>
        <source>%1 to accept</source>
        <translation>%1 内接受</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="441"/>
        <source>offered to you</source>
        <translation>待你接受</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="445"/>
        <source>transfer to you</source>
        <translation>转给你</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="451"/>
        <source>handed on</source>
        <translation>已转交</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="458"/>
        <source>agent #%1</source>
        <translation>客服 #%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="473"/>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="474"/>
        <location filename="../features/routing.py" line="481"/>
        <location filename="../features/routing.py" line="487"/>
        <location filename="../features/routing.py" line="729"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="484"/>
        <source>Helping: %1</source>
        <translation>协助：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="490"/>
        <source>Supervising: %1</source>
        <translation>监督：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="496"/>
        <source>Department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="506"/>
        <source>Transferring to %1</source>
        <translation>正在转给 %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="511"/>
        <source>Transferring to %1 until %2 (%3 left)</source>
        <translation>正在转给 %1，截止 %2（剩 %3）</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="522"/>
        <source>Offered to %1</source>
        <translation>已分配给 %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="530"/>
        <source>Handover note: %1</source>
        <translation>交接备注：%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="632"/>
        <source>Transfer to %1 asked: the chat stays yours until taken.</source>
        <translation>已请求转给 %1：对方接手前会话仍由你负责。</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="651"/>
        <source>Escalation asked: the chat stays yours until a senior takes it.</source>
        <translation>已请求升级：资深客服接手前会话仍由你负责。</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="721"/>
        <source>to %1</source>
        <translation>转给 %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="730"/>
        <source>nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="765"/>
        <source>Not connected to the relay: try again once connected.</source>
        <translation>未连接服务器：连上后再试。</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <location filename="../views/rule_editor.py" line="46"/>
        <source>a search engine</source>
        <translation>搜索引擎</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="47"/>
        <source>a search ad</source>
        <translation>搜索广告</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="48"/>
        <source>social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="49"/>
        <source>a link on another site</source>
        <translation>其他网站的链接</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="50"/>
        <source>a campaign link</source>
        <translation>推广活动链接</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="51"/>
        <source>typed or bookmarked</source>
        <translation>直接输入或书签</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="52"/>
        <source>another page of this site</source>
        <translation>本站其他页面</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="55"/>
        <source>computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="56"/>
        <source>phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="57"/>
        <source>tablet</source>
        <translation>平板</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="60"/>
        <source>a card in the corner</source>
        <translation>角落里的卡片</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="61"/>
        <source>a bubble by the chat button</source>
        <translation>咨询按钮旁的气泡</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="62"/>
        <source>a box in the middle of the page</source>
        <translation>页面中间的对话框</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="65"/>
        <source>an invitation to chat</source>
        <translation>咨询邀请</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="66"/>
        <source>one question (the answer arrives as a message)</source>
        <translation>一个问题（回答会作为留言送达）</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="69"/>
        <source>as soon as all of the above hold</source>
        <translation>以上条件都满足时立即邀请</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="70"/>
        <source>when they move to leave the page</source>
        <translation>访客准备离开页面时</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="75"/>
        <source>new and returning</source>
        <translation>新访客和回访者</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="76"/>
        <source>only returning visitors</source>
        <translation>仅限回访的访客</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="77"/>
        <source>only first visits</source>
        <translation>仅限首次访问</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="80"/>
        <source>whether or not they chatted</source>
        <translation>不论是否咨询过</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="81"/>
        <source>only who chatted before</source>
        <translation>仅限咨询过的访客</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="82"/>
        <source>only who never chatted</source>
        <translation>仅限从未咨询过的访客</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="85"/>
        <source>at any hour</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="86"/>
        <source>only in business hours</source>
        <translation>仅在工作时间</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="87"/>
        <source>only outside business hours</source>
        <translation>仅在非工作时间</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="90"/>
        <source>whether or not agents are busy</source>
        <translation>不论客服是否忙碌</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="91"/>
        <source>only while an agent has room</source>
        <translation>仅在有客服空闲时</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="92"/>
        <source>only while every agent is busy</source>
        <translation>仅在所有客服都忙时</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="131"/>
        <source>Edit invitation rule</source>
        <translation>编辑邀请规则</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="131"/>
        <source>New invitation rule</source>
        <translation>新建邀请规则</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="167"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="169"/>
        <source>Prices page from Baidu</source>
        <translation>百度来的价格页访客</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="170"/>
        <source>On: invite visitors with this rule</source>
        <translation>启用：按此规则邀请访客</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="172"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="178"/>
        <source>Which visitors (all that are set must hold)</source>
        <translation>邀请哪些访客（所设条件须全部满足）</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="186"/>
        <source>Baidu</source>
        <translation>Baidu</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="188"/>
        <source>a word of their search, e.g. 雅思</source>
        <translation>搜索词中的字词，例如 雅思</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="190"/>
        <source>/prices*, /courses/*</source>
        <translation>/prices*, /courses/*</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="193"/>
        <source>Separate pages with commas. * stands for anything: /prices is that page only, /prices* also /prices/2024. Empty: any page.</source>
        <translation>多个页面用逗号分隔。* 代表任意内容：/prices 只匹配该页面，/prices* 也匹配 /prices/2024。留空：任何页面。</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="200"/>
        <location filename="../views/rule_editor.py" line="222"/>
        <location filename="../views/rule_editor.py" line="384"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="200"/>
        <location filename="../views/rule_editor.py" line="222"/>
        <location filename="../views/rule_editor.py" line="223"/>
        <source>no minimum</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="202"/>
        <source>Came from</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="203"/>
        <source>Search engine</source>
        <translation>搜索引擎</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="204"/>
        <source>Searched for</source>
        <translation>搜索词包含</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="205"/>
        <source>Reading the page</source>
        <translation>正在浏览页面</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="207"/>
        <source>For at least</source>
        <translation>至少停留</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="212"/>
        <source>More conditions</source>
        <translation>更多条件</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="223"/>
        <source> pages</source>
        <translation> 页</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="225"/>
        <source>/courses/*</source>
        <translation>/courses/*</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="227"/>
        <source>zhihu.com, forum.example.org</source>
        <translation>zhihu.com, forum.example.org</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="229"/>
        <source>中国/浙江省, 中国/上海市, GB//London</source>
        <translation>中国/浙江省, 中国/上海市, GB//London</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="230"/>
        <source>country/region/city; leave a part empty to allow any</source>
        <translation>国家/省/市；某一项留空表示不限</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="232"/>
        <source>zh, en-GB</source>
        <translation>zh, en-GB</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="248"/>
        <source>On the site at least</source>
        <translation>在网站至少停留</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="249"/>
        <source>Pages seen at least</source>
        <translation>至少浏览页数</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="250"/>
        <source>Landed on</source>
        <translation>着陆页</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="251"/>
        <source>Came from sites</source>
        <translation>来源网站</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="252"/>
        <source>From places</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="253"/>
        <source>Browser language</source>
        <translation>浏览器语言</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="254"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="255"/>
        <source>Visits</source>
        <translation>访问次数</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="256"/>
        <source>Chats before</source>
        <translation>以往咨询</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="257"/>
        <source>Hours</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="258"/>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="265"/>
        <source>What they see</source>
        <translation>访客看到什么</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="271"/>
        <source> s later</source>
        <translation> 秒后</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="272"/>
        <source>at once</source>
        <translation>立即</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="274"/>
        <source>Hello {visitor.name}! Questions about our prices?</source>
        <translation>{visitor.name}您好！对价格有疑问吗？</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="278"/>
        <source>Empty: the site&apos;s greeting. {visitor.name}, {visitor.city} and {site.name} are filled in for each visitor.</source>
        <translation>留空：使用网站的问候语。{visitor.name}、{visitor.city} 和 {site.name} 会按每位访客自动填入。</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="292"/>
        <source>an agent&apos;s user name; empty: the team</source>
        <translation>客服的用户名；留空：以团队名义</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="294"/>
        <source>Invite</source>
        <translation>邀请时机</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="295"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="296"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Words</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="298"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="299"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Look</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="300"/>
        <source>From</source>
        <translation>发送人</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="304"/>
        <source>How often</source>
        <translation>频率</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="305"/>
        <source>As the site&apos;s settings say</source>
        <translation>按网站的设置</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="306"/>
        <source>Its own:</source>
        <translation>单独设置：</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="316"/>
        <source>Variants (A/B test)</source>
        <translation>版本（A/B 测试）</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="319"/>
        <source>Optional: other words or looks, each shown to a share of the visitors (weight). An empty cell keeps the rule&apos;s own.</source>
        <translation>可选：其他内容或样式，各自展示给一部分访客（按权重）。留空的单元格沿用规则本身的设置。</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="337"/>
        <source>Add variant</source>
        <translation>添加版本</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="339"/>
        <source>Remove variant</source>
        <translation>删除版本</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="345"/>
        <source>Measure which variant is accepted more</source>
        <translation>衡量哪个版本更常被接受</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="354"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="357"/>
        <source>Accepted today</source>
        <translation>目前接受率</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="358"/>
        <source>Worth finding</source>
        <translation>期望达到</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="359"/>
        <source>False alarm risk</source>
        <translation>误报风险</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="360"/>
        <source>Chance to find it</source>
        <translation>发现差异的把握</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="361"/>
        <source>Run at least</source>
        <translation>至少运行</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="376"/>
        <location filename="../views/rule_editor.py" line="383"/>
        <source>(the rule&apos;s)</source>
        <translation>（沿用规则）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/settings.py" line="25"/>
        <source>every arrival</source>
        <translation>每位访客到达时</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="26"/>
        <source>only from search engines</source>
        <translation>仅限来自搜索引擎的访客</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="27"/>
        <source>only returning visitors</source>
        <translation>仅限回访的访客</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="28"/>
        <source>only on these pages</source>
        <translation>仅限以下页面</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="31"/>
        <location filename="../views/settings.py" line="93"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="32"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="33"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="44"/>
        <source>Parley settings</source>
        <translation>Parley 设置</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="46"/>
        <source>Play a sound for new conversations and messages</source>
        <translation>有新会话和新消息时播放提示音</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="54"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="55"/>
        <source> min without input</source>
        <translation> 分钟无操作后</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="58"/>
        <source>Any key or mouse move in Parley sets you Online again, if it set you Away</source>
        <translation>如果是 Parley 把您设为“离开”，在 Parley 中按任意键或移动鼠标即恢复“在线”</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="73"/>
        <source>A visitor arrives:</source>
        <translation>访客到达：</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="83"/>
        <source>A visitor starts a conversation</source>
        <translation>访客发起会话</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="85"/>
        <source>A new message arrives</source>
        <translation>收到新消息</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="49"/>
        <source>Start minimised in the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="100"/>
        <source>A new language shows from the next start.</source>
        <translation>更换语言后，下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="111"/>
        <source>Relay</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="112"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="113"/>
        <source>Pop-ups when</source>
        <translation>弹窗提醒</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="115"/>
        <source>  pages</source>
        <translation>  页面</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="118"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="119"/>
        <source>Away after</source>
        <translation>自动离开</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="120"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="122"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>StatusButton</name>
    <message>
        <location filename="../views/status.py" line="35"/>
        <location filename="../views/status.py" line="59"/>
        <source>Your status: visitors see you online only when you are Online</source>
        <translation>您的状态：只有在“在线”时，访客才会看到您在线</translation>
    </message>
    <message>
        <location filename="../views/status.py" line="55"/>
        <source>Away (idle)</source>
        <translation>离开（闲置）</translation>
    </message>
    <message>
        <location filename="../views/status.py" line="57"/>
        <source>Away: nobody used the app for a while. Any key or mouse move sets Online</source>
        <translation>离开：一段时间没有使用本程序。按任意键或移动鼠标即恢复“在线”</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../views/supervisor.py" line="29"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="30"/>
        <location filename="../views/supervisor.py" line="111"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="31"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="32"/>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="33"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="34"/>
        <source>Typing now</source>
        <translation>正在输入</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="35"/>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="67"/>
        <source>Supervise chats</source>
        <translation>监控会话</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="88"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="90"/>
        <source>Read the chat in the main window; notes there are whispers</source>
        <translation>在主窗口查看会话；在那里写的备注是悄悄话</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="94"/>
        <source>Barge in</source>
        <translation>介入</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="96"/>
        <source>Join the chat as supervisor: the agent keeps it</source>
        <translation>以主管身份加入会话：仍由原客服负责</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="100"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="102"/>
        <source>Take the chat over: you answer the visitor from now on</source>
        <translation>接管会话：从现在起由你回复访客</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="127"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n chats open</source>
        <translation>
            <numerusform>%n 个会话进行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <location filename="../views/team_window.py" line="41"/>
        <source>Offered to one agent at a time</source>
        <translation>每次分配给一位客服</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="42"/>
        <source>Shown to everyone, first to accept</source>
        <translation>所有人可见，先接先得</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="43"/>
        <source>Both: everyone sees it, one is offered it</source>
        <translation>两者兼有：所有人可见，并分配给一位</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="46"/>
        <source>Fewest chats first</source>
        <translation>会话最少者优先</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="47"/>
        <source>Longest idle first</source>
        <translation>空闲最久者优先</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="48"/>
        <source>In turn (round robin)</source>
        <translation>轮流分配</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="51"/>
        <location filename="../views/team_window.py" line="56"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="52"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="53"/>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="57"/>
        <location filename="../views/team_window.py" line="347"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="58"/>
        <location filename="../views/team_window.py" line="348"/>
        <location filename="../views/team_window.py" line="441"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="59"/>
        <location filename="../views/team_window.py" line="349"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="60"/>
        <location filename="../views/team_window.py" line="350"/>
        <source>Chats at once</source>
        <translation>同时会话数</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="61"/>
        <location filename="../views/team_window.py" line="351"/>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="83"/>
        <source>tiers: write level:seconds, as 2:0, 1:30 (not %1)</source>
        <translation>tiers: 请写成 级别:秒数，如 2:0, 1:30（而不是 %1）</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="93"/>
        <source>tiers: levels 1 to %1, at most 3600 seconds (not %2)</source>
        <translation>tiers: 级别 1 到 %1，最多 3600 秒（而不是 %2）</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="133"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="137"/>
        <source>level:seconds, as 2:0, 1:30; empty: everyone</source>
        <translation>级别:秒数，如 2:0, 1:30；留空：所有人</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="146"/>
        <source>One pattern a line, as */prices*</source>
        <translation>每行一个网址模式，如 */prices*</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="150"/>
        <source>mon-fri 09:00-18:00; sat 10:00-14:00</source>
        <translation>mon-fri 09:00-18:00; sat 10:00-14:00</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="156"/>
        <source>2026-12-25 closed; 2026-12-31 09:00-12:00</source>
        <translation>2026-12-25 closed; 2026-12-31 09:00-12:00</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="178"/>
        <source>Site</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="179"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="180"/>
        <source>Routing</source>
        <translation>分配方式</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="181"/>
        <source>Who first</source>
        <translation>优先谁</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="182"/>
        <source>Time to accept</source>
        <translation>接受时限</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="183"/>
        <source>Own agent first for</source>
        <translation>专属客服优先时长</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="184"/>
        <source>Tiers</source>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="185"/>
        <source>Queue limit</source>
        <translation>排队上限</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="186"/>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="187"/>
        <source>Away after missed offers</source>
        <translation>错过几次后设为离开</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="188"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="189"/>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="190"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="191"/>
        <source>Exceptions</source>
        <translation>例外日期</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="198"/>
        <source>Save department</source>
        <translation>保存部门</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="205"/>
        <source>What the relay says</source>
        <translation>服务器的答复</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="280"/>
        <source>name: a department needs a name</source>
        <translation>name: 部门需要名称</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="297"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="317"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="338"/>
        <source>Comma separated, as IELTS, refunds</source>
        <translation>用逗号分隔，如 雅思, 退款</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="340"/>
        <source>Save agent</source>
        <translation>保存客服</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="421"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="429"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="457"/>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="458"/>
        <source>Loading the team…</source>
        <translation>正在载入团队…</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="502"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../views/transfer_dialog.py" line="30"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="31"/>
        <source>away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="32"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="35"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="36"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="37"/>
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="55"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="58"/>
        <source>level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="67"/>
        <source>%1 (closed now)</source>
        <translation>%1（现在不营业）</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="89"/>
        <source>Transfer chat</source>
        <translation>转接会话</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="91"/>
        <source>To a colleague</source>
        <translation>转给同事</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="92"/>
        <source>To a department</source>
        <translation>转给部门</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="101"/>
        <source>No colleague is connected now.</source>
        <translation>现在没有同事在线。</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="111"/>
        <source>A note for whoever takes it: what the visitor needs, what was done (agents only)</source>
        <translation>给接手人的备注：访客需要什么、已经做了什么（仅客服可见）</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="117"/>
        <source>The visitor never sees this note.</source>
        <translation>访客永远看不到这条备注。</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="128"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="144"/>
        <location filename="../views/transfer_dialog.py" line="237"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="201"/>
        <source>Escalate chat</source>
        <translation>升级会话</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="207"/>
        <source>Hand this chat to an agent of %1 above your level (%2).</source>
        <translation>把这个会话交给 %1 中级别高于你（%2）的客服。</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="215"/>
        <source>Hand this chat to an agent above your level (%1).</source>
        <translation>把这个会话交给级别高于你（%1）的客服。</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="222"/>
        <source>Why it needs a senior, what was tried (agents only)</source>
        <translation>为什么需要资深客服、已经试过什么（仅客服可见）</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="229"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="260"/>
        <source>Visitor&apos;s own agent</source>
        <translation>访客的专属客服</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="263"/>
        <source>Their next chats are offered to this agent first, when they are online.</source>
        <translation>这位客服在线时，访客之后的会话会优先分配给他。</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="270"/>
        <source>Nobody (whoever serves them next)</source>
        <translation>无（由下一位接待的客服担任）</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../tray.py" line="14"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../tray.py" line="15"/>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../tray.py" line="16"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../tray.py" line="74"/>
        <source>Open Parley</source>
        <translation>打开 Parley</translation>
    </message>
    <message>
        <location filename="../tray.py" line="85"/>
        <source>Quit Parley</source>
        <translation>退出 Parley</translation>
    </message>
    <message>
        <location filename="../tray.py" line="100"/>
        <source>Parley: %1</source>
        <translation>Parley：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../tray.py" line="102"/>
        <source>, %n unread</source>
        <translation>
            <numerusform>，%n 条未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitorWords</name>
    <message>
        <location filename="../views/wording.py" line="36"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="37"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="38"/>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="39"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="40"/>
        <source>On site</source>
        <translation>停留</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="41"/>
        <source>Visits</source>
        <translation>访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="42"/>
        <source>Chat</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="58"/>
        <source>Visitor #%1</source>
        <translation>访客 #%1</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="70"/>
        <source>%1 ad%2</source>
        <translation>%1 广告%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="74"/>
        <source>campaign %1%2</source>
        <translation>推广活动 %1%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="81"/>
        <source>this site</source>
        <translation>本站</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="83"/>
        <location filename="../views/wording.py" line="86"/>
        <location filename="../views/wording.py" line="88"/>
        <source>Direct</source>
        <translation>直接访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="95"/>
        <source>first visit</source>
        <translation>首次访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="97"/>
        <source>visit %1</source>
        <translation>第 %1 次访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="100"/>
        <source>, chatted %1× before</source>
        <translation>，之前咨询过 %1 次</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="114"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="110"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="155"/>
        <source>new</source>
        <translation>新访客</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="205"/>
        <location filename="../views/wording.py" line="164"/>
        <source>chatting</source>
        <translation>会话中</translation>
    </message>
</context>
<context>
    <name>Visitors</name>
    <message>
        <location filename="../features/visitors.py" line="31"/>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="32"/>
        <source>ads</source>
        <translation>广告</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="33"/>
        <source>social</source>
        <translation>社交</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="34"/>
        <source>links</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="35"/>
        <source>campaigns</source>
        <translation>推广活动</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="36"/>
        <source>this site</source>
        <translation>本站</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="37"/>
        <source>direct</source>
        <translation>直接访问</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="45"/>
        <source>Nobody on the site</source>
        <translation>网站上暂无访客</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="48"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="52"/>
        <source>%1 on the site now: %2</source>
        <translation>当前在站 %1 人：%2</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="54"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>WaitWords</name>
    <message>
        <location filename="../wait_words.py" line="48"/>
        <source>The wait is over: you may log in again.</source>
        <translation>等待已结束：现在可以再次登录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="52"/>
        <source>The relay asks to wait before the next login. Try again in %n seconds.</source>
        <translation>
            <numerusform>中继服务器要求稍候再登录。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="57"/>
        <source>Too many failed logins. Try again in %n seconds.</source>
        <translation>
            <numerusform>登录失败次数过多。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="59"/>
        <source>Too many failed logins. Try again in %n minutes.</source>
        <translation>
            <numerusform>登录失败次数过多。请在 %n 分钟后重试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wait_words.py" line="63"/>
        <source>Log in (%1)</source>
        <translation>登录（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="72"/>
        <source>Offline: the relay asks to wait, trying again in %n seconds</source>
        <translation>
            <numerusform>离线：中继服务器要求等待，%n 秒后重试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="75"/>
        <source>Offline: the relay asks to wait, trying again in %n minutes</source>
        <translation>
            <numerusform>离线：中继服务器要求等待，%n 分钟后重试</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WithdrawalsDialog</name>
    <message>
        <location filename="../views/audit.py" line="23"/>
        <source>Withdrawn</source>
        <translation>撤回时间</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="24"/>
        <source>Chat</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="25"/>
        <source>By</source>
        <translation>撤回人</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="26"/>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="27"/>
        <source>What it said</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="38"/>
        <source>Withdrawn messages</source>
        <translation>已撤回的消息</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="51"/>
        <source> [file: %1]</source>
        <translation> [文件：%1]</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="55"/>
        <source>#%1, message %2</source>
        <translation>#%1，第 %2 条消息</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/audit.py" line="65"/>
        <source>%n withdrawn, newest first</source>
        <translation>
            <numerusform>共撤回 %n 条，最新的在前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="67"/>
        <source>Nothing was withdrawn.</source>
        <translation>没有撤回过消息。</translation>
    </message>
</context>
</TS>
