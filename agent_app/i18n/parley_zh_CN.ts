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
        <location filename="../features/alerts.py" line="49"/>
        <source>the site</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="50"/>
        <source>landed on %1</source>
        <translation>进入页面 %1</translation>
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
        <location filename="../views/chat_pane.py" line="77"/>
        <location filename="../views/chat_pane.py" line="177"/>
        <source>Choose a conversation</source>
        <translation>请选择一个会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="79"/>
        <source>Take</source>
        <translation>接待</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="80"/>
        <source>Answer this chat yourself</source>
        <translation>由我接待这个会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="81"/>
        <source>Close chat</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="107"/>
        <source>Right-click (or the menu key) a message to copy, quote or withdraw it</source>
        <translation>右键单击（或按菜单键）消息，可复制、引用或撤回</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="128"/>
        <source>Do not quote (Esc)</source>
        <translation>取消引用（Esc）</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="149"/>
        <source>Write a reply. Enter sends, Shift+Enter: new line</source>
        <translation>输入回复。Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="155"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="157"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="158"/>
        <source>Send a file (or drop files on the chat)</source>
        <translation>发送文件（也可把文件拖到聊天窗口）</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="192"/>
        <source>Typing: %1</source>
        <translation>正在输入：%1</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="201"/>
        <source>Replying to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="231"/>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="296"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="298"/>
        <source>Quote in reply</source>
        <translation>引用回复</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="301"/>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="307"/>
        <source>Withdraw message</source>
        <translation>撤回消息</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="310"/>
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
        <location filename="../views/card_geometry.py" line="175"/>
        <source>(message withdrawn)</source>
        <translation>（消息已撤回）</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="240"/>
        <source>left a message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="242"/>
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
        <location filename="../features/conversations.py" line="25"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="26"/>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="27"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="83"/>
        <source>chat #%1</source>
        <translation>会话 #%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="91"/>
        <source>started on %1</source>
        <translation>发起页面：%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="106"/>
        <source>%1 is still waiting for an answer. Close the chat anyway?</source>
        <translation>%1 仍在等待回复。仍要结束会话吗？</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="112"/>
        <source>Close chat</source>
        <translation>结束会话</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../desk.py" line="47"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../desk.py" line="48"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../desk.py" line="49"/>
        <source>Offline: reconnecting</source>
        <translation>离线：正在重新连接</translation>
    </message>
    <message>
        <location filename="../desk.py" line="50"/>
        <source>Offline: the relay asks to wait</source>
        <translation>离线：中继服务器要求等待</translation>
    </message>
    <message>
        <location filename="../desk.py" line="51"/>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <location filename="../desk.py" line="52"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../desk.py" line="69"/>
        <source>Connected as %1</source>
        <translation>已连接，身份：%1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="73"/>
        <source>Logged out: %1</source>
        <translation>已退出登录：%1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="76"/>
        <source>Offline: no answer from %1, trying again</source>
        <translation>离线：%1 无应答，正在重试</translation>
    </message>
    <message>
        <location filename="../desk.py" line="233"/>
        <source>This desktop has no system tray: Parley works from this window.</source>
        <translation>此桌面没有系统托盘：请在此窗口中使用 Parley。</translation>
    </message>
    <message>
        <location filename="../desk.py" line="286"/>
        <source>The relay&apos;s records were restored or moved: the chats are loaded again.</source>
        <translation>中继服务器的记录已恢复或迁移：正在重新加载会话。</translation>
    </message>
    <message>
        <location filename="../desk.py" line="317"/>
        <source>%1: no chat yet; what they type shows below</source>
        <translation>%1：尚未发起会话；对方正在输入的内容会显示在下方</translation>
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
        <location filename="../views/main_window.py" line="210"/>
        <location filename="../views/visitor_details.py" line="32"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="33"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="34"/>
        <source>Phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="35"/>
        <source>Address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="36"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="37"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="38"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="39"/>
        <source>Landing page</source>
        <translation>着陆页</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="40"/>
        <source>Page</source>
        <translation>当前页面</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="41"/>
        <source>Visits</source>
        <translation>访问次数</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="42"/>
        <source>First seen</source>
        <translation>首次访问</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="43"/>
        <source>On site since</source>
        <translation>本次到访</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="44"/>
        <source>Path</source>
        <translation>浏览路径</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="45"/>
        <source>Earlier</source>
        <translation>以往记录</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="52"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="53"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="54"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="55"/>
        <source>Others&apos;</source>
        <translation>同事的</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="56"/>
        <source>Closed today</source>
        <translation>今日已结束</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="62"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="67"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="71"/>
        <source>%1, here now</source>
        <translation>%1，仍在此页</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="109"/>
        <source>Filter visitors</source>
        <translation>筛选访客</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="130"/>
        <source>Nobody on the site</source>
        <translation>网站上暂无访客</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="168"/>
        <source>Search transcripts (works offline)</source>
        <translation>搜索聊天记录（离线可用）</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="170"/>
        <source>Search every transcript kept on this computer, also without a connection</source>
        <translation>搜索这台电脑上保存的所有聊天记录，断网时也能用</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="102"/>
        <source>Locations: %1 and %2 (CC BY 4.0)</source>
        <translation>位置数据：%1 和 %2（CC BY 4.0）</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="211"/>
        <source>Phrases</source>
        <translation>常用语</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="224"/>
        <source>&amp;Parley</source>
        <translation>Parley(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="225"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="226"/>
        <source>&amp;Withdrawn messages…</source>
        <translation>已撤回的消息(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="228"/>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="230"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="266"/>
        <source>visit %1, %2, %n pages</source>
        <translation>
            <numerusform>第 %1 次访问，%2，%n 个页面</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="271"/>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="278"/>
        <source>chat #%1, %2, %n messages</source>
        <translation>
            <numerusform>会话 #%1，%2，%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="285"/>
        <source>nothing before</source>
        <translation>无以往记录</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="208"/>
        <source>Open chat #%1 of %2</source>
        <translation>打开 %2 的会话 #%1</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="176"/>
        <source>no referrer</source>
        <translation>无来源页</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="180"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="323"/>
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
        <location filename="../views/bubble_geometry.py" line="190"/>
        <source>Internal note: the visitor does not see it</source>
        <translation>内部备注：访客看不到</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="193"/>
        <source>%1 · internal note</source>
        <translation>%1 · 内部备注</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="204"/>
        <source>(withdrawn)</source>
        <translation>（已撤回）</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="317"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="329"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="331"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="344"/>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="346"/>
        <source>not sent: double-click to retry</source>
        <translation>未发送：双击重试</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="348"/>
        <source>seen</source>
        <translation>已读</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="350"/>
        <source>sent</source>
        <translation>已发送</translation>
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
    <name>PopUps</name>
    <message>
        <location filename="../popups.py" line="87"/>
        <source>%1 new messages: %2</source>
        <translation>%1 条新消息：%2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="93"/>
        <source>New chat: %1</source>
        <translation>新会话：%1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="95"/>
        <source>New message: %1</source>
        <translation>新消息：%1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="99"/>
        <source>Started a chat</source>
        <translation>发起了会话</translation>
    </message>
    <message>
        <location filename="../popups.py" line="113"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../popups.py" line="116"/>
        <source>%1 and %2 more</source>
        <translation>%1 等，另有 %2 位</translation>
    </message>
    <message>
        <location filename="../popups.py" line="120"/>
        <source>%1 visitors need you</source>
        <translation>%1 位访客在等您</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/settings.py" line="23"/>
        <source>every arrival</source>
        <translation>每位访客到达时</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="24"/>
        <source>only from search engines</source>
        <translation>仅限来自搜索引擎的访客</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="25"/>
        <source>only returning visitors</source>
        <translation>仅限回访的访客</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="26"/>
        <source>only on these pages</source>
        <translation>仅限以下页面</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="29"/>
        <location filename="../views/settings.py" line="82"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="30"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="31"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="42"/>
        <source>Parley settings</source>
        <translation>Parley 设置</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="44"/>
        <source>Play a sound for new conversations and messages</source>
        <translation>有新会话和新消息时播放提示音</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="62"/>
        <source>A visitor arrives:</source>
        <translation>访客到达：</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="72"/>
        <source>A visitor starts a conversation</source>
        <translation>访客发起会话</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="74"/>
        <source>A new message arrives</source>
        <translation>收到新消息</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="47"/>
        <source>Start minimised in the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="89"/>
        <source>A new language shows from the next start.</source>
        <translation>更换语言后，下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="100"/>
        <source>Relay</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="101"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="102"/>
        <source>Pop-ups when</source>
        <translation>弹窗提醒</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="104"/>
        <source>  pages</source>
        <translation>  页面</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="107"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="108"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="110"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>StatusButton</name>
    <message>
        <location filename="../views/status.py" line="35"/>
        <source>Your status: visitors see you online only when you are Online</source>
        <translation>您的状态：只有在“在线”时，访客才会看到您在线</translation>
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
        <location filename="../views/wording.py" line="28"/>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="29"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="30"/>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="31"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="32"/>
        <source>On site</source>
        <translation>停留</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="33"/>
        <source>Visits</source>
        <translation>访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="34"/>
        <source>Chat</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="50"/>
        <source>Visitor #%1</source>
        <translation>访客 #%1</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="62"/>
        <source>%1 ad%2</source>
        <translation>%1 广告%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="66"/>
        <source>campaign %1%2</source>
        <translation>推广活动 %1%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="73"/>
        <source>this site</source>
        <translation>本站</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="75"/>
        <location filename="../views/wording.py" line="78"/>
        <location filename="../views/wording.py" line="80"/>
        <source>Direct</source>
        <translation>直接访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="87"/>
        <source>first visit</source>
        <translation>首次访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="89"/>
        <source>visit %1</source>
        <translation>第 %1 次访问</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="92"/>
        <source>, chatted %1× before</source>
        <translation>，之前咨询过 %1 次</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="106"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="102"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="147"/>
        <source>new</source>
        <translation>新访客</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="153"/>
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
