<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mn" sourcelanguage="en">
<context>
    <name>AgentApp</name>
    <message>
        <location filename="../app.py" line="53"/>
        <source>No Parley relay answers at %1. Check the address and that the relay runs.</source>
        <translation>%1 хаягт Parley релей хариулахгүй байна. Хаягаа шалгаж, релей ажиллаж байгаа эсэхийг нягтална уу.</translation>
    </message>
    <message>
        <location filename="../app.py" line="61"/>
        <source>The relay did not accept this login. Check the user name and password.</source>
        <translation>Релей энэ нэвтрэлтийг хүлээж авсангүй. Хэрэглэгчийн нэр, нууц үгээ шалгана уу.</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../features/alerts.py" line="51"/>
        <source>the site</source>
        <translation>сайт</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="52"/>
        <source>landed on %1</source>
        <translation>%1 хуудсанд орсон</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="104"/>
        <source>Invite to chat</source>
        <translation>Чатад урих</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="141"/>
        <source>Accept</source>
        <translation>Хүлээн авах</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="142"/>
        <source>Decline</source>
        <translation>Татгалзах</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../features/chat.py" line="223"/>
        <source>Not sent: %1</source>
        <translation>Илгээгдсэнгүй: %1</translation>
    </message>
    <message>
        <location filename="../features/chat.py" line="228"/>
        <source>The relay refused: %1 (%2)</source>
        <translation>Релей татгалзлаа: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../views/chat_pane.py" line="88"/>
        <location filename="../views/chat_pane.py" line="300"/>
        <source>Choose a conversation</source>
        <translation>Чат сонгоно уу</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="90"/>
        <source>Take</source>
        <translation>Хүлээн авах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="91"/>
        <source>Answer this chat yourself</source>
        <translation>Энэ чатад өөрөө хариулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="92"/>
        <source>Close chat</source>
        <translation>Чатыг хаах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="95"/>
        <source>Transfer…</source>
        <translation>Шилжүүлэх…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="96"/>
        <source>Hand this chat to a colleague or a department</source>
        <translation>Энэ чатыг хамт олон эсвэл хэлтэст шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="98"/>
        <source>Escalate…</source>
        <translation>Ахлахад шилжүүлэх…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="99"/>
        <source>Hand this chat to a senior of its department</source>
        <translation>Энэ чатыг хэлтсийн ахлах ажилтанд шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="101"/>
        <source>Ask a colleague…</source>
        <translation>Хамт олноос урих…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="102"/>
        <source>Ask a colleague to join this chat and help</source>
        <translation>Хамт ажиллагчийг энэ чатад нэгдэж туслахыг урих</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="104"/>
        <source>Leave chat</source>
        <translation>Чатаас гарах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="105"/>
        <source>Stop helping in this chat; it stays open</source>
        <translation>Энэ чатад туслахаа болих; чат нээлттэй хэвээр үлдэнэ</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="160"/>
        <source>Right-click (or the menu key) a message to copy, quote or withdraw it</source>
        <translation>Мессежийг хуулах, иш татах, буцаан татахын тулд баруун товшино уу (эсвэл цэсний товч)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="181"/>
        <source>Do not quote (Esc)</source>
        <translation>Иш татахгүй (Esc)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="202"/>
        <location filename="../views/chat_pane.py" line="263"/>
        <source>Write a reply. Enter sends, Shift+Enter: new line</source>
        <translation>Хариу бичнэ үү. Enter — илгээх, Shift+Enter — шинэ мөр</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="211"/>
        <location filename="../views/chat_pane.py" line="266"/>
        <source>Send</source>
        <translation>Илгээх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="213"/>
        <source>File…</source>
        <translation>Файл…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="214"/>
        <source>Send a file (or drop files on the chat)</source>
        <translation>Файл илгээх (эсвэл файлаа чат руу чирж оруулна уу)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="221"/>
        <source>Reply to visitor</source>
        <translation>Зочинд хариулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="222"/>
        <location filename="../views/chat_pane.py" line="244"/>
        <source>Internal note</source>
        <translation>Дотоод тэмдэглэл</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="244"/>
        <source>Whisper to agents</source>
        <translation>Ажилтнуудад шивнэх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="251"/>
        <source>Whisper: only the agents of this chat see it. Enter sends</source>
        <translation>Шивнээ: зөвхөн энэ чатын ажилтнууд харна. Enter илгээнэ</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="253"/>
        <source>Internal note: only agents see it, never the visitor. Enter saves</source>
        <translation>Дотоод тэмдэглэл: зөвхөн ажилтнууд харна, зочин хэзээ ч харахгүй. Enter хадгална</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="256"/>
        <source>Whisper</source>
        <translation>Шивнэх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="256"/>
        <source>Add note</source>
        <translation>Тэмдэглэх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="317"/>
        <source>Typing: %1</source>
        <translation>Бичиж байна: %1</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="326"/>
        <source>Replying to %1: %2</source>
        <translation>Хариулж буй зурвас — %1: %2</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="356"/>
        <source>Send a file</source>
        <translation>Файл илгээх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="424"/>
        <source>Copy</source>
        <translation>Хуулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="426"/>
        <source>Quote in reply</source>
        <translation>Иш татаж хариулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="429"/>
        <source>Withdraw…</source>
        <translation>Буцаан татах…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="435"/>
        <source>Withdraw message</source>
        <translation>Зурвасыг буцаан татах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="438"/>
        <source>Withdraw this message? It disappears for the visitor too; the relay keeps a record for admins.

%1</source>
        <translation>Энэ зурвасыг буцаан татах уу? Зочинд ч харагдахаа болино; сервер админуудад зориулж бүртгэлийг нь хадгална.

%1</translation>
    </message>
</context>
<context>
    <name>ConversationCard</name>
    <message>
        <location filename="../views/card_words.py" line="37"/>
        <source>waiting &lt;1 min</source>
        <translation>хүлээж буй &lt;1 мин</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="41"/>
        <source>waiting %1 min</source>
        <translation>хүлээж буй %1 мин</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="47"/>
        <source>waiting %1 d</source>
        <translation>хүлээж буй %1 хоног</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="50"/>
        <source>waiting %1 h %2 min</source>
        <translation>хүлээж буй %1 ц %2 мин</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="58"/>
        <source>Visitor #%1</source>
        <translation>Зочин #%1</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="183"/>
        <source>(message withdrawn)</source>
        <translation>(зурвасыг буцаан татсан)</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="262"/>
        <source>left a message</source>
        <translation>зурвас үлдээсэн</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="264"/>
        <source>closed</source>
        <translation>хаагдсан</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="66"/>
        <source>on the site</source>
        <translation>сайт дээр байна</translation>
    </message>
    <message>
        <location filename="../views/card_words.py" line="68"/>
        <source>last seen %1</source>
        <translation>сүүлд харагдсан: %1</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <location filename="../features/conversations.py" line="26"/>
        <source>waiting</source>
        <translation>хүлээгдэж буй</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="27"/>
        <source>queued</source>
        <translation>дараалалд</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="28"/>
        <source>offered</source>
        <translation>санал болгосон</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="29"/>
        <source>active</source>
        <translation>идэвхтэй</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="30"/>
        <source>transferring</source>
        <translation>шилжүүлж байна</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="31"/>
        <source>closed</source>
        <translation>хаагдсан</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="96"/>
        <source>handed on</source>
        <translation>шилжүүлсэн</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="97"/>
        <source>chat #%1</source>
        <translation>Чат #%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="105"/>
        <source>started on %1</source>
        <translation>Эхэлсэн хуудас: %1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="116"/>
        <source>%1 is no longer yours to answer</source>
        <translation>%1 таны хариулах чат байхаа больсон</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="119"/>
        <source>No longer yours to answer</source>
        <translation>Таны хариулах чат байхаа больсон</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="121"/>
        <source>Handed to %1</source>
        <translation>%1 руу шилжүүлэв</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="122"/>
        <source>Handed to a colleague</source>
        <translation>Хамт ажиллагч руу шилжүүлэв</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="144"/>
        <source>%1 is still waiting for an answer. Close the chat anyway?</source>
        <translation>%1 хариулт хүлээсээр байна. Чатыг хаах уу?</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="150"/>
        <source>Close chat</source>
        <translation>Чатыг хаах</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../desk.py" line="53"/>
        <source>Connecting…</source>
        <translation>Холбогдож байна…</translation>
    </message>
    <message>
        <location filename="../desk.py" line="54"/>
        <source>Connected</source>
        <translation>Холбогдсон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="55"/>
        <source>Offline: reconnecting</source>
        <translation>Офлайн: дахин холбогдож байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="56"/>
        <source>Offline: the relay asks to wait</source>
        <translation>Офлайн: релей хүлээхийг хүсэж байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="57"/>
        <source>Logged out</source>
        <translation>Гарсан</translation>
    </message>
    <message>
        <location filename="../desk.py" line="58"/>
        <source>Stopped</source>
        <translation>Зогссон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="75"/>
        <source>Connected as %1</source>
        <translation>%1 нэрээр холбогдсон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="79"/>
        <source>Logged out: %1</source>
        <translation>Гарсан: %1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="82"/>
        <source>Offline: no answer from %1, trying again</source>
        <translation>Офлайн: %1 хариулахгүй байна, дахин оролдож байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="307"/>
        <source>This desktop has no system tray: Parley works from this window.</source>
        <translation>Энэ ширээний орчинд системийн тавиур алга: Parley энэ цонхноос ажиллана.</translation>
    </message>
    <message>
        <location filename="../desk.py" line="362"/>
        <source>The relay&apos;s records were restored or moved: the chats are loaded again.</source>
        <translation>Релейн бүртгэлийг сэргээсэн эсвэл шилжүүлсэн тул чатуудыг дахин ачаалж байна.</translation>
    </message>
    <message>
        <location filename="../desk.py" line="401"/>
        <source>%1: no chat yet; what they type shows below</source>
        <translation>%1: чат эхлээгүй; бичиж буй зүйл нь доор харагдана</translation>
    </message>
    <message>
        <location filename="../desk.py" line="458"/>
        <source>You were set Away: chats offered to you went unanswered. Set yourself Online to get chats again.</source>
        <translation>Таныг «Түр гарсан» болголоо: танд санал болгосон чатуудад хариу өгсөнгүй. Дахин чат авахын тулд өөрийгөө «Онлайн» болгоно уу.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../features/files.py" line="56"/>
        <source>Uploading %1…</source>
        <translation>%1 илгээж байна…</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="58"/>
        <source>Not sent: %1</source>
        <translation>Илгээгдсэнгүй: %1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="67"/>
        <source>This relay does not take files.</source>
        <translation>Энэ релей файл хүлээж авдаггүй.</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="73"/>
        <source>Not uploaded: %1</source>
        <translation>Байршуулагдсангүй: %1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="84"/>
        <source>Not saved: %1</source>
        <translation>Хадгалагдсангүй: %1</translation>
    </message>
    <message>
        <location filename="../features/files.py" line="88"/>
        <source>Saved to %1</source>
        <translation>%1 руу хадгаллаа</translation>
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
        <translation>Давтан урихад завсар хэрэгтэй: «Дахин урих зай»-г 0 сек-ээс их болгоно уу.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="100"/>
        <source>Repeated invitations need “At most” of 1 or more a visit.</source>
        <translation>Давтан урихад «Хамгийн ихдээ» нь нэг айлчлалд 1-ээс багагүй байна.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="111"/>
        <source>Give the rule a name, such as “Prices page from Baidu”.</source>
        <translation>Дүрэмд нэр өгнө үү, жишээ нь «Baidu-аас үнийн хуудас».</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="116"/>
        <source>Another rule is called “%1”: give this one another name.</source>
        <translation>«%1» нэртэй өөр дүрэм байна: өөр нэр өгнө үү.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="122"/>
        <source>A one-question survey needs its question in “Words”.</source>
        <translation>Нэг асуулттай санал асуулгад «Үг» хэсэгт асуулт бичнэ үү.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="128"/>
        <source>A page or site pattern is empty.</source>
        <translation>Хуудас эсвэл сайтын загвар хоосон байна.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="135"/>
        <source>Every variant needs a name (A, B…).</source>
        <translation>Хувилбар бүр нэртэй байх ёстой (A, B…).</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="137"/>
        <source>Two variants have the same name.</source>
        <translation>Хоёр хувилбар ижил нэртэй байна.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="139"/>
        <source>Variants are compared with each other: add a second one, or remove this one.</source>
        <translation>Хувилбаруудыг хооронд нь харьцуулна: хоёр дахийг нэмэх эсвэл энийг хасна уу.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="144"/>
        <source>At least one variant needs a weight above 0.</source>
        <translation>Дор хаяж нэг хувилбарын жин 0-ээс их байх ёстой.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="150"/>
        <source>An A/B test needs at least two variants.</source>
        <translation>A/B туршилтад дор хаяж хоёр хувилбар хэрэгтэй.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="154"/>
        <source>The rate worth finding must differ from today&apos;s rate.</source>
        <translation>«Илрүүлэх хувь» нь «Одоогийн хувь»-аас ялгаатай байх ёстой.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="165"/>
        <source>A page pattern is empty.</source>
        <translation>Хуудасны загвар хоосон байна.</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="188"/>
        <source>collecting</source>
        <translation>цуглуулж байна</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="193"/>
        <source>%1 more shown</source>
        <translation>дахиад %1 удаа харуулах</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="196"/>
        <source>%1 more accepted</source>
        <translation>дахиад %1 зөвшөөрөл</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="199"/>
        <source>runs until %1</source>
        <translation>%1 хүртэл явна</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="203"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="204"/>
        <source>collecting: needs %1</source>
        <translation>цуглуулж байна: %1</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="206"/>
        <source>the baseline</source>
        <translation>харьцуулах суурь</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="208"/>
        <source>wins: better than every variant</source>
        <translation>ялсан: бусад бүх хувилбараас илүү</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="212"/>
        <source>wins: %1 against the baseline (p = %2)</source>
        <translation>ялсан: суурьтай харьцуулахад %1 (p = %2)</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="215"/>
        <source>better than the baseline: %1 (p = %2)</source>
        <translation>сууриас илүү: %1 (p = %2)</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="218"/>
        <source>worse than the baseline: %1 (p = %2)</source>
        <translation>сууриас муу: %1 (p = %2)</translation>
    </message>
    <message>
        <location filename="../models/invitation_rules.py" line="221"/>
        <source>no difference found: %1 (p = %2)</source>
        <translation>ялгаа олдсонгүй: %1 (p = %2)</translation>
    </message>
</context>
<context>
    <name>InvitationRulesDialog</name>
    <message>
        <location filename="../views/invitation_rules.py" line="80"/>
        <source>Invitation rules</source>
        <translation>Урилгын дүрэм</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="88"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="91"/>
        <source>Site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="94"/>
        <source>Rules</source>
        <translation>Дүрмүүд</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="95"/>
        <source>For every invitation</source>
        <translation>Бүх урилгад</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="120"/>
        <source>Rules invite visitors by themselves. The first rule that matches a visitor wins; counts are since the rule was last changed.</source>
        <translation>Дүрмүүд зочдыг өөрсдөө урина. Зочинд тохирох эхний дүрэм хэрэгжинэ; тоо нь дүрмийг сүүлд өөрчилснөөс хойших.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="130"/>
        <source>On</source>
        <translation>Идэвхтэй</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="131"/>
        <source>Rule</source>
        <translation>Дүрэм</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="132"/>
        <location filename="../views/invitation_rules.py" line="185"/>
        <source>Shown</source>
        <translation>Харагдсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="133"/>
        <location filename="../views/invitation_rules.py" line="186"/>
        <source>Accepted</source>
        <translation>Зөвшөөрсөн</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="134"/>
        <location filename="../views/invitation_rules.py" line="187"/>
        <source>Rate</source>
        <translation>Хувь</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="135"/>
        <location filename="../views/invitation_rules.py" line="189"/>
        <source>Chats</source>
        <translation>Чат</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="136"/>
        <location filename="../views/invitation_rules.py" line="190"/>
        <source>Replied</source>
        <translation>Хариулсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="149"/>
        <source>New rule…</source>
        <translation>Шинэ дүрэм…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="151"/>
        <source>Edit…</source>
        <translation>Засах…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="153"/>
        <source>Up</source>
        <translation>Дээш</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="155"/>
        <source>Down</source>
        <translation>Доош</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="157"/>
        <source>Delete…</source>
        <translation>Устгах…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="178"/>
        <location filename="../views/invitation_rules.py" line="376"/>
        <source>Results of the selected rule</source>
        <translation>Сонгосон дүрмийн үр дүн</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="183"/>
        <source>Variant</source>
        <translation>Хувилбар</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="184"/>
        <source>Sent</source>
        <translation>Илгээсэн</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="188"/>
        <source>Declined</source>
        <translation>Татгалзсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="191"/>
        <source>Test says</source>
        <translation>Туршилтын дүн</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="216"/>
        <source>Hello! Can we help you?</source>
        <translation>Сайн байна уу! Танд туслах уу?</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="220"/>
        <source>Sent when an agent invites without words of their own, and by rules without words.</source>
        <translation>Ажилтан өөрийн үггүй урих, эсвэл дүрэмд үг бичээгүй үед илгээгдэнэ.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="229"/>
        <source> s</source>
        <translation> сек</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="232"/>
        <source>Sorry we missed you. Write to us any time and we will answer.</source>
        <translation>Уучлаарай, бид хоцорлоо. Хүссэн үедээ бичээрэй, бид хариулна.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="236"/>
        <source>Save settings</source>
        <translation>Тохиргоог хадгалах</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="239"/>
        <source>Greeting</source>
        <translation>Мэндчилгээ</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="241"/>
        <source>Shown for</source>
        <translation>Харагдах хугацаа</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="242"/>
        <source>Left in the chat after no answer</source>
        <translation>Хариугүй бол чатад үлдэх үг</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="243"/>
        <source>How often a visitor may be invited</source>
        <translation>Нэг зочныг хэр олон урих</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="268"/>
        <source>No site to set up.</source>
        <translation>Тохируулах сайт алга.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="272"/>
        <source>Loading…</source>
        <translation>Ачаалж байна…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="292"/>
        <source>Settings saved.</source>
        <translation>Тохиргоог хадгаллаа.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="294"/>
        <source>Rule saved.</source>
        <translation>Дүрмийг хадгаллаа.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="296"/>
        <source>Rule deleted.</source>
        <translation>Дүрмийг устгалаа.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="326"/>
        <source>On: the rule invites visitors</source>
        <translation>Идэвхтэй: энэ дүрэм зочдыг урина</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="377"/>
        <source>Choose a rule to see how it does.</source>
        <translation>Үр дүнг харахын тулд дүрэм сонгоно уу.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="383"/>
        <source>Results of “%1”</source>
        <translation>«%1»-ийн үр дүн</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="390"/>
        <source>Counted since %1, when the rule was last changed.</source>
        <translation>%1-ээс хойш тоолсон (дүрмийг сүүлд өөрчилсөн үе).</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="394"/>
        <source>Nothing counted yet.</source>
        <translation>Одоогоор тоо алга.</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invitation_rules.py" line="416"/>
        <source>A/B test: each variant is shown to %n visitor(s) before the result counts.</source>
        <translation>
            <numerusform>A/B туршилт: хувилбар бүрийг %n зочинд үзүүлсний дараа үр дүн тооцогдоно.</numerusform>
            <numerusform>A/B туршилт: хувилбар бүрийг %n зочинд үзүүлсний дараа үр дүн тооцогдоно.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="422"/>
        <source>No A/B test: every visitor gets the same invitation.</source>
        <translation>A/B туршилтгүй: бүх зочин ижил урилга авна.</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="425"/>
        <source>Verdict: %1</source>
        <translation>Дүгнэлт: %1</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="433"/>
        <source>still collecting, no result yet</source>
        <translation>мэдээлэл цуглуулсаар, үр дүн алга</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="435"/>
        <source>no difference between the variants</source>
        <translation>хувилбаруудын хооронд ялгаа алга</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="438"/>
        <source>%1 is accepted more often</source>
        <translation>%1 илүү олон удаа зөвшөөрөгддөг</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="479"/>
        <location filename="../views/invitation_rules.py" line="489"/>
        <location filename="../views/invitation_rules.py" line="531"/>
        <source>Saving…</source>
        <translation>Хадгалж байна…</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="499"/>
        <source>Delete rule</source>
        <translation>Дүрэм устгах</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="500"/>
        <source>Delete the rule “%1” and its counts?</source>
        <translation>«%1» дүрэм болон түүний тоог устгах уу?</translation>
    </message>
    <message>
        <location filename="../views/invitation_rules.py" line="507"/>
        <source>Deleting…</source>
        <translation>Устгаж байна…</translation>
    </message>
</context>
<context>
    <name>Invitations</name>
    <message>
        <location filename="../views/invitation_words.py" line="20"/>
        <source>invited</source>
        <translation>урьсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="21"/>
        <source>invite seen</source>
        <translation>урилга харсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="22"/>
        <source>accepted</source>
        <translation>зөвшөөрсөн</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="23"/>
        <source>declined</source>
        <translation>татгалзсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="24"/>
        <source>no answer</source>
        <translation>хариугүй</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="25"/>
        <source>withdrawn</source>
        <translation>буцаан татсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="29"/>
        <source>Invited, not on their screen yet</source>
        <translation>Урьсан, дэлгэцэнд нь хараахан гараагүй</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="30"/>
        <source>Invitation on their screen</source>
        <translation>Урилга дэлгэцэнд нь харагдаж байна</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="31"/>
        <source>Accepted the invitation</source>
        <translation>Урилгыг зөвшөөрсөн</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="32"/>
        <source>Declined the invitation</source>
        <translation>Урилгаас татгалзсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="33"/>
        <source>Did not answer the invitation</source>
        <translation>Урилгад хариулаагүй</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="34"/>
        <source>Invitation withdrawn</source>
        <translation>Урилгыг буцаан татсан</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="66"/>
        <source>rule “%1”</source>
        <translation>«%1» дүрэм</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="69"/>
        <source>a rule</source>
        <translation>дүрэм</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="75"/>
        <source>the site&apos;s greeting</source>
        <translation>сайтын мэндчилгээ</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="77"/>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="87"/>
        <source>%1, sent %2</source>
        <translation>%1, %2-д илгээсэн</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="145"/>
        <location filename="../views/invitation_words.py" line="38"/>
        <source>has left the site</source>
        <translation>сайтаас гарсан</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="152"/>
        <location filename="../views/invitation_words.py" line="39"/>
        <source>is already chatting</source>
        <translation>аль хэдийн чатлаж байна</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="154"/>
        <location filename="../views/invitation_words.py" line="40"/>
        <source>already has an invitation waiting</source>
        <translation>хариу хүлээж буй урилгатай</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="162"/>
        <source>Not connected to the relay: nobody can be invited now.</source>
        <translation>Релейтэй холбогдоогүй: одоо хэнийг ч урих боломжгүй.</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="179"/>
        <source>The relay did not answer: look at the visitors&apos; rows before trying again.</source>
        <translation>Релей хариулсангүй: дахин оролдохын өмнө зочдын мөрийг шалгана уу.</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="196"/>
        <source>Invited: %1; not invited: %2</source>
        <translation>Урьсан: %1; уригдаагүй: %2</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="201"/>
        <source>Invited: %1</source>
        <translation>Урьсан: %1</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="305"/>
        <source>Not connected to the relay: try again once connected.</source>
        <translation>Релейтэй холбогдоогүй: холбогдсоны дараа дахин оролдоно уу.</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="324"/>
        <source>The relay refused it (%1).</source>
        <translation>Релей татгалзлаа (%1).</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="328"/>
        <source>Too much at once: wait a moment and try again.</source>
        <translation>Хэт олон удаа: түр хүлээгээд дахин оролдоно уу.</translation>
    </message>
    <message>
        <location filename="../features/invitations.py" line="349"/>
        <source>Not withdrawn: %1</source>
        <translation>Буцаан татсангүй: %1</translation>
    </message>
    <message>
        <location filename="../views/invitation_words.py" line="41"/>
        <source>is not known to the relay</source>
        <translation>релейд бүртгэлгүй</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../views/invite_dialog.py" line="70"/>
        <source>Invite to chat</source>
        <translation>Чатад урих</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="78"/>
        <source>Invite %n visitor(s) to chat:</source>
        <translation>
            <numerusform>Чатад %n зочин урих:</numerusform>
            <numerusform>Чатад %n зочин урих:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="95"/>
        <location filename="../views/invite_dialog.py" line="252"/>
        <source>Send invitation</source>
        <translation>Урилга илгээх</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="111"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="119"/>
        <source>What they read</source>
        <translation>Зочны харах үг</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="121"/>
        <source>The site&apos;s greeting</source>
        <translation>Сайтын мэндчилгээ</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="122"/>
        <source>A phrase:</source>
        <translation>Бэлэн хариулт:</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="123"/>
        <source>My own words:</source>
        <translation>Өөрийн үгээр:</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="133"/>
        <source>(no phrases yet)</source>
        <translation>(бэлэн хариулт алга)</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="136"/>
        <source>Hello! Can I help you find the right course?</source>
        <translation>Сайн байна уу! Тохирох сургалтаа олоход тань туслах уу?</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="141"/>
        <source>They read:</source>
        <translation>Зочин харах нь:</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="143"/>
        <source>They read (each with their own name and place):</source>
        <translation>Зочин харах нь (нэр, байршил нь тус бүрд бөглөгдөнө):</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="196"/>
        <source>%1 of %2 characters</source>
        <translation>%2-оос %1 тэмдэгт</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="204"/>
        <source>The greeting an admin set for the site (Invitation rules), or a hello in the visitor&apos;s language.</source>
        <translation>Админы сайтад тохируулсан мэндчилгээ («Урилгын дүрэм»), эсвэл зочны хэлээр мэндчилгээ.</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="225"/>
        <source>Write what they should read, or choose the site&apos;s greeting.</source>
        <translation>Зочны харах үгийг бичих эсвэл сайтын мэндчилгээг сонгоно уу.</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="229"/>
        <source>This phrase has no text to send.</source>
        <translation>Энэ бэлэн хариултад илгээх үг алга.</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="234"/>
        <source>An invitation holds at most %1 characters; this one has %2.</source>
        <translation>Урилга хамгийн ихдээ %1 тэмдэгттэй; энэ нь %2.</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="246"/>
        <source>Sending…</source>
        <translation>Илгээж байна…</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="259"/>
        <source>%n visitor(s) invited.</source>
        <translation>
            <numerusform>%n зочин урьсан.</numerusform>
            <numerusform>%n зочин урьсан.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="261"/>
        <source>Not invited:</source>
        <translation>Уригдаагүй:</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="264"/>
        <source>• %1 %2</source>
        <translation>• %1 %2</translation>
    </message>
    <message>
        <location filename="../views/invite_dialog.py" line="268"/>
        <source>Sent</source>
        <translation>Илгээсэн</translation>
    </message>
</context>
<context>
    <name>JoinAsk</name>
    <message>
        <location filename="../features/colleagues.py" line="163"/>
        <source>%1 asks you to join a chat</source>
        <translation>%1 таныг чатад нэгдэхийг урьж байна</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="184"/>
        <location filename="../views/join_ask.py" line="170"/>
        <source>Join</source>
        <translation>Нэгдэх</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="189"/>
        <location filename="../views/join_ask.py" line="171"/>
        <source>Decline</source>
        <translation>Татгалзах</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="243"/>
        <source>Asked %1 to join (%2 left)</source>
        <translation>%1-г нэгдэхийг урьсан (%2 үлдсэн)</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="246"/>
        <source>%1 left</source>
        <translation>%1 гарлаа</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="248"/>
        <source>%1 joined</source>
        <translation>%1 нэгдлээ</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="250"/>
        <source>%1 declined</source>
        <translation>%1 татгалзлаа</translation>
    </message>
    <message>
        <location filename="../features/colleagues.py" line="252"/>
        <source>No answer from %1</source>
        <translation>%1 хариу өгсөнгүй</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="60"/>
        <source>Ask a colleague to join</source>
        <translation>Хамт ажиллагчийг урих</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="65"/>
        <source>Ask a colleague of %1 to join this chat and help. It stays yours.</source>
        <translation>%1-н хамт ажиллагчийг энэ чатад нэгдэж туслахыг урих. Чат таных хэвээр үлдэнэ.</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="71"/>
        <source>Ask a colleague to join this chat and help. It stays yours.</source>
        <translation>Хамт ажиллагчийг энэ чатад нэгдэж туслахыг урих. Чат таных хэвээр үлдэнэ.</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="81"/>
        <source>Nobody who may see this chat is online now: transfer it instead.</source>
        <translation>Энэ чатыг харж болох хэн ч одоо онлайн биш: оронд нь шилжүүлнэ үү.</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="90"/>
        <source>What you need help with (agents only)</source>
        <translation>Юунд туслах хэрэгтэй вэ (зөвхөн ажилтнууд)</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="96"/>
        <source>Ask to join</source>
        <translation>Нэгдэхийг урих</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="110"/>
        <source>Note</source>
        <translation>Тэмдэглэл</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="151"/>
        <source>%1 asks you to join a chat: %2</source>
        <translation>%1 таныг чатад урьж байна: %2</translation>
    </message>
    <message>
        <location filename="../views/join_ask.py" line="169"/>
        <source>Note: %1</source>
        <translation>Тэмдэглэл: %1</translation>
    </message>
</context>
<context>
    <name>LimitCounter</name>
    <message>
        <location filename="../views/text_limit.py" line="46"/>
        <source>%1 / %2 characters: cut %3 to send it</source>
        <translation>%1 / %2 тэмдэгт: илгээхийн тулд %3-ыг хасна уу</translation>
    </message>
    <message>
        <location filename="../views/text_limit.py" line="52"/>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 тэмдэгт</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../views/login.py" line="36"/>
        <source>Log in to Parley</source>
        <translation>Parley-д нэвтрэх</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="43"/>
        <source>Remember me on this computer</source>
        <translation>Энэ компьютер дээр намайг сана</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="54"/>
        <source>Relay</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="55"/>
        <source>User name</source>
        <translation>Хэрэглэгчийн нэр</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="56"/>
        <source>Password</source>
        <translation>Нууц үг</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="61"/>
        <source>This desktop has no keyring service, so Parley cannot remember the login safely; you will be asked for the password at every start.</source>
        <translation>Энэ компьютерт нууц түлхүүр хадгалах үйлчилгээ (keyring) алга тул Parley нэвтрэлтийг аюулгүй санаж чадахгүй; програмыг эхлүүлэх бүрд нууц үгээ оруулна.</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="72"/>
        <location filename="../views/login.py" line="111"/>
        <location filename="../views/login.py" line="132"/>
        <location filename="../views/login.py" line="138"/>
        <source>Log in</source>
        <translation>Нэвтрэх</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="111"/>
        <source>Logging in…</source>
        <translation>Нэвтэрч байна…</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="145"/>
        <source>Fill in the relay address, your user name and your password.</source>
        <translation>Серверийн хаяг, хэрэглэгчийн нэр, нууц үгээ бөглөнө үү.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="348"/>
        <location filename="../views/visitor_details.py" line="36"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="37"/>
        <source>E-mail</source>
        <translation>И-мэйл</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="38"/>
        <source>Phone</source>
        <translation>Утас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="39"/>
        <source>Address</source>
        <translation>IP хаяг</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="40"/>
        <source>Location</source>
        <translation>Байршил</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="41"/>
        <source>Device</source>
        <translation>Төхөөрөмж</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="42"/>
        <source>Source</source>
        <translation>Эх сурвалж</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="43"/>
        <source>Landing page</source>
        <translation>Орсон хуудас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="44"/>
        <source>Page</source>
        <translation>Хуудас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="45"/>
        <source>Visits</source>
        <translation>Зочилсон</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="46"/>
        <source>First seen</source>
        <translation>Анх ирсэн</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="47"/>
        <source>On site since</source>
        <translation>Сайтад ирсэн</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="48"/>
        <source>Path</source>
        <translation>Үзсэн хуудсууд</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="49"/>
        <source>Earlier</source>
        <translation>Өмнө нь</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="70"/>
        <source>All</source>
        <translation>Бүгд</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="71"/>
        <source>Waiting</source>
        <translation>Хүлээгдэж буй</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="72"/>
        <source>Mine</source>
        <translation>Минийх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="73"/>
        <source>Others&apos;</source>
        <translation>Бусдынх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="74"/>
        <source>Closed today</source>
        <translation>Өнөөдөр хаагдсан</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="66"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 сек</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="71"/>
        <source>%1 s</source>
        <translation>%1 сек</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="75"/>
        <source>%1, here now</source>
        <translation>%1, одоо энд байна</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="147"/>
        <source>Filter visitors</source>
        <translation>Зочдыг шүүх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="174"/>
        <source>Nobody on the site</source>
        <translation>Сайтад одоогоор зочин алга</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="175"/>
        <source>&amp;Invite to chat…</source>
        <translation>&amp;Чатад урих…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="179"/>
        <source>Invite the selected visitors to chat (Ctrl+I; Ctrl-click selects several)</source>
        <translation>Сонгосон зочдыг чатад урих (Ctrl+I; Ctrl дарж товшвол олныг сонгоно)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="261"/>
        <source>Show the chats of one department</source>
        <translation>Нэг хэлтсийн чатуудыг харуулах</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="295"/>
        <source>Search transcripts (works offline)</source>
        <translation>Чатын түүхээс хайх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="297"/>
        <source>Search every transcript kept on this computer, also without a connection</source>
        <translation>Энэ компьютерт хадгалсан бүх чатын түүхээс хайна; интернэтгүй үед ч ажиллана</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="133"/>
        <source>Locations: %1 and %2 (CC BY 4.0)</source>
        <translation>Байршлын мэдээлэл: %1, %2 (CC BY 4.0)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="349"/>
        <source>Phrases</source>
        <translation>Бэлэн хариулт</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="362"/>
        <source>&amp;Parley</source>
        <translation>&amp;Parley</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="363"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Тохиргоо…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="364"/>
        <source>&amp;Withdrawn messages…</source>
        <translation>&amp;Буцаан татсан зурвасууд…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="366"/>
        <source>Invitation &amp;rules…</source>
        <translation>Урилгын &amp;дүрэм…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="369"/>
        <source>S&amp;upervise chats…</source>
        <translation>&amp;Чатуудыг хянах…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="372"/>
        <source>&amp;Team…</source>
        <translation>&amp;Баг…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="375"/>
        <source>&amp;Log out</source>
        <translation>&amp;Гарах</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="377"/>
        <source>&amp;Quit</source>
        <translation>&amp;Хаах</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="413"/>
        <source>visit %1, %2, %n pages</source>
        <translation>
            <numerusform>%1-р зочлол, %2, %n хуудас</numerusform>
            <numerusform>%1-р зочлол, %2, %n хуудас</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="418"/>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="425"/>
        <source>chat #%1, %2, %n messages</source>
        <translation>
            <numerusform>чат #%1, %2, %n зурвас</numerusform>
            <numerusform>чат #%1, %2, %n зурвас</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="432"/>
        <source>nothing before</source>
        <translation>өмнө нь юу ч алга</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="500"/>
        <source>All departments</source>
        <translation>Бүх хэлтэс</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="293"/>
        <source>Open chat #%1 of %2</source>
        <translation>Чат #%1 нээх (%2)</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="261"/>
        <source>no referrer</source>
        <translation>ирсэн хуудас тодорхойгүй</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="100"/>
        <source>Invitation</source>
        <translation>Урилга</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="105"/>
        <source>Change…</source>
        <translation>Өөрчлөх…</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="107"/>
        <source>Choose the agent this visitor is offered to first</source>
        <translation>Энэ зочныг эхэлж хүлээн авах ажилтныг сонгох</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="117"/>
        <source>Own agent</source>
        <translation>Өөрийн ажилтан</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="155"/>
        <source>Invite…</source>
        <translation>Урих…</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="157"/>
        <source>Invite this visitor to chat (Ctrl+I)</source>
        <translation>Энэ зочныг чатад урих (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="161"/>
        <source>Withdraw</source>
        <translation>Буцаан татах</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="163"/>
        <source>Take the invitation back before the visitor answers</source>
        <translation>Зочин хариулахаас өмнө урилгыг буцаан татах</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="265"/>
        <source>from %1</source>
        <translation>ирсэн: %1</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="485"/>
        <source>Nothing found</source>
        <translation>Юу ч олдсонгүй</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <location filename="../views/dates.py" line="17"/>
        <source>d MMM</source>
        <comment>a day of this year, as a Qt date format: d day, MMM month</comment>
        <translation>MMM&apos;ын&apos; d</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="158"/>
        <source>(message withdrawn)</source>
        <translation>(зурвасыг буцаан татсан)</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="191"/>
        <source>Whisper to the agents: the visitor does not see it</source>
        <translation>Ажилтнуудад шивнээ: зочин харахгүй</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="194"/>
        <source>%1 · whisper</source>
        <translation>%1 · шивнээ</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="196"/>
        <source>Internal note: the visitor does not see it</source>
        <translation>Дотоод тэмдэглэл: зочин үүнийг харахгүй</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="199"/>
        <source>%1 · internal note</source>
        <translation>%1 · дотоод тэмдэглэл</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="210"/>
        <source>(withdrawn)</source>
        <translation>(буцаан татсан)</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="323"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="335"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="337"/>
        <source>Agent</source>
        <translation>Ажилтан</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="350"/>
        <source>sending…</source>
        <translation>илгээж байна…</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="352"/>
        <source>not sent: double-click to retry</source>
        <translation>илгээгдээгүй: дахин оролдохын тулд давхар товшино уу</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="354"/>
        <source>seen</source>
        <translation>харсан</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="356"/>
        <source>sent</source>
        <translation>илгээсэн</translation>
    </message>
</context>
<context>
    <name>Offers</name>
    <message>
        <location filename="../views/offers.py" line="49"/>
        <source>%1 asks your department to take: %2</source>
        <translation>%1 таны хэлтсээс хүлээж авахыг хүсч байна: %2</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="54"/>
        <source>%1 transfers a chat to you: %2</source>
        <translation>%1 танд чат шилжүүлж байна: %2</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="57"/>
        <source>A chat is transferred to you: %1</source>
        <translation>Танд чат шилжүүллээ: %1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="59"/>
        <source>Chat offered to you: %1</source>
        <translation>Танд санал болгосон чат: %1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="63"/>
        <source>%1 left</source>
        <translation>%1 үлдсэн</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="78"/>
        <source>Note: %1</source>
        <translation>Тэмдэглэл: %1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="81"/>
        <source>Visitor: %1</source>
        <translation>Зочин: %1</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="84"/>
        <source>Accept</source>
        <translation>Хүлээн авах</translation>
    </message>
    <message>
        <location filename="../views/offers.py" line="85"/>
        <source>Decline</source>
        <translation>Татгалзах</translation>
    </message>
</context>
<context>
    <name>PhraseDialog</name>
    <message>
        <location filename="../views/phrases_panel.py" line="43"/>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="44"/>
        <source>link</source>
        <translation>холбоос</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="45"/>
        <source>file</source>
        <translation>файл</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="230"/>
        <source>Edit phrase</source>
        <translation>Бэлэн хариулт засах</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="230"/>
        <source>New phrase</source>
        <translation>Шинэ бэлэн хариулт</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="235"/>
        <source>Prices/IELTS: a / makes a sub-category</source>
        <translation>Үнэ/IELTS: / тэмдэг дэд ангилал үүсгэнэ</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="237"/>
        <source>price: typing /price in a reply uses it</source>
        <translation>price: хариултад /price гэж бичвэл ашиглагдана</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="250"/>
        <source>Hello {visitor.name|there}, I&apos;m {agent.name} of {site.name}.</source>
        <translation>Сайн байна уу, {visitor.name|эрхэм зочин}! Намайг {agent.name} гэдэг, {site.name}.</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="253"/>
        <source>https://… (link phrases)</source>
        <translation>https://… (холбоос төрлийн хариултад)</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="256"/>
        <source>Choose a file…</source>
        <translation>Файл сонгох…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="259"/>
        <source>Shared with every agent</source>
        <translation>Бүх ажилтантай хуваалцах</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="263"/>
        <source>Title</source>
        <translation>Гарчиг</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="264"/>
        <source>Category</source>
        <translation>Ангилал</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="265"/>
        <source>Shortcut</source>
        <translation>Товчлол</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="266"/>
        <source>Kind</source>
        <translation>Төрөл</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="267"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="268"/>
        <source>Link</source>
        <translation>Холбоос</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="269"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="297"/>
        <source>The file this phrase sends</source>
        <translation>Энэ хариултаар илгээх файл</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <location filename="../features/phrases.py" line="109"/>
        <source>Open a chat first to use a phrase.</source>
        <translation>Бэлэн хариулт ашиглахын тулд эхлээд чат нээнэ үү.</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="144"/>
        <source>Import phrases</source>
        <translation>Бэлэн хариулт оруулах</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="154"/>
        <location filename="../features/phrases.py" line="174"/>
        <source>Nothing imported: %1</source>
        <translation>Юу ч оруулсангүй: %1</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="162"/>
        <source>Export phrases</source>
        <translation>Бэлэн хариулт гаргах</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="181"/>
        <source>Phrases imported: %1</source>
        <translation>Оруулсан бэлэн хариулт: %1</translation>
    </message>
    <message>
        <location filename="../features/phrases.py" line="188"/>
        <source>Exported to %1</source>
        <translation>%1 руу гаргалаа</translation>
    </message>
</context>
<context>
    <name>PhrasesPanel</name>
    <message>
        <location filename="../views/phrases_panel.py" line="84"/>
        <source>Search phrases (Ctrl+K)</source>
        <translation>Бэлэн хариулт хайх (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="85"/>
        <source>Or type /shortcut in the reply box, then Space</source>
        <translation>Эсвэл хариултын талбарт /товчлол бичээд Space дарна уу</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="97"/>
        <source>No phrases yet. New… writes one; CSV… imports a list. Admins&apos; shared phrases appear here for everyone.</source>
        <translation>Бэлэн хариулт одоогоор алга. «Шинэ…» товчоор нэгийг бичиж, «CSV…» товчоор жагсаалт оруулна. Админуудын хуваалцсан хариултууд энд бүх ажилтанд харагдана.</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="103"/>
        <source>Send at once</source>
        <translation>Шууд илгээх</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="106"/>
        <source>Checked: a click or Enter sends the phrase. Unchecked: it goes into the reply box</source>
        <translation>Сонгосон үед: товшиж эсвэл Enter дарахад шууд илгээнэ. Сонгоогүй үед: хариултын талбарт орно</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="109"/>
        <source>New…</source>
        <translation>Шинэ…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="111"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="113"/>
        <source>Import phrases from CSV…</source>
        <translation>CSV файлаас бэлэн хариулт оруулах…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="114"/>
        <source>Export phrases to CSV…</source>
        <translation>Бэлэн хариултыг CSV файлд гаргах…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="153"/>
        <source>Mine</source>
        <translation>Минийх</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="204"/>
        <source>Edit…</source>
        <translation>Засах…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="205"/>
        <source>Delete…</source>
        <translation>Устгах…</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="210"/>
        <source>Delete “%1”? It goes from every agent&apos;s phrases.</source>
        <translation>“%1” хариултыг устгах уу? Бүх ажилтны бэлэн хариултаас хасагдана.</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="212"/>
        <source>Delete “%1”? It goes from your phrases.</source>
        <translation>“%1” хариултыг устгах уу? Таны бэлэн хариултаас хасагдана.</translation>
    </message>
    <message>
        <location filename="../views/phrases_panel.py" line="215"/>
        <source>Delete phrase</source>
        <translation>Бэлэн хариулт устгах</translation>
    </message>
</context>
<context>
    <name>PolicyForm</name>
    <message>
        <location filename="../views/invitation_policy.py" line="22"/>
        <source>once a visit</source>
        <translation>айлчлал бүрд нэг удаа</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="23"/>
        <source>once per visitor, ever</source>
        <translation>зочин бүрд ганц л удаа</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="24"/>
        <source>again and again</source>
        <translation>давтан</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="36"/>
        <source> s</source>
        <translation> сек</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="40"/>
        <source> a visit</source>
        <translation> удаа</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="45"/>
        <source> days</source>
        <translation> хоног</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="46"/>
        <source>0: only for the rest of that visit</source>
        <translation>0: зөвхөн тэр айлчлалын үлдсэн хугацаанд</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="50"/>
        <source> hours</source>
        <translation> цаг</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="52"/>
        <source>/checkout*, /order/*</source>
        <translation>/checkout*, /order/*</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="54"/>
        <source>Page patterns, separated by commas: * stands for anything</source>
        <translation>Хуудасны загварууд, таслалаар тусгаарлана: * нь дурын зүйл</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="56"/>
        <source>Only visitors who were here before</source>
        <translation>Зөвхөн өмнө ирж байсан зочид</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="58"/>
        <source>Only while an agent has room for another chat</source>
        <translation>Зөвхөн ажилтан дахин чат авах боломжтой үед</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="63"/>
        <source>Invite a visitor</source>
        <translation>Зочныг урих</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="64"/>
        <source>Again after</source>
        <translation>Дахин урих зай</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="65"/>
        <source>At most</source>
        <translation>Нэг айлчлалд хамгийн ихдээ</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="66"/>
        <source>Quiet after a “no”</source>
        <translation>«Үгүй» гэсний дараа завсарлах</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="67"/>
        <source>Quiet after a chat</source>
        <translation>Чатын дараа завсарлах</translation>
    </message>
    <message>
        <location filename="../views/invitation_policy.py" line="68"/>
        <source>Never on pages</source>
        <translation>Эдгээр хуудсанд урихгүй</translation>
    </message>
</context>
<context>
    <name>PopUps</name>
    <message>
        <location filename="../popups.py" line="91"/>
        <source>%1 new messages: %2</source>
        <translation>%1 шинэ мессеж: %2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="97"/>
        <source>New chat: %1</source>
        <translation>Шинэ чат: %1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="99"/>
        <source>New message: %1</source>
        <translation>Шинэ мессеж: %1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="103"/>
        <source>Started a chat</source>
        <translation>Чат эхлүүллээ</translation>
    </message>
    <message>
        <location filename="../popups.py" line="117"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../popups.py" line="120"/>
        <source>%1 and %2 more</source>
        <translation>%1 болон өөр %2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="124"/>
        <source>%1 visitors need you</source>
        <translation>%1 зочин таныг хүлээж байна</translation>
    </message>
</context>
<context>
    <name>Routing</name>
    <message>
        <location filename="../features/routing.py" line="39"/>
        <source>waiting</source>
        <translation>хүлээж байна</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="40"/>
        <location filename="../features/routing.py" line="439"/>
        <source>queued</source>
        <translation>дараалалд</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="41"/>
        <location filename="../features/routing.py" line="443"/>
        <source>offered</source>
        <translation>санал болгосон</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="42"/>
        <source>active</source>
        <translation>идэвхтэй</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="43"/>
        <location filename="../features/routing.py" line="447"/>
        <source>transferring</source>
        <translation>шилжүүлж байна</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="44"/>
        <source>closed</source>
        <translation>хаагдсан</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="288"/>
        <source>The relay refused it (%1).</source>
        <translation>Сервер татгалзлаа (%1).</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="292"/>
        <source>This relay cannot change the team yet: update it.</source>
        <translation>Энэ сервер багийг өөрчилж чадахгүй байна: шинэчилнэ үү.</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="359"/>
        <source>Transfer to you: %1</source>
        <translation>Танд шилжүүлэв: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="361"/>
        <source>Chat offered: %1</source>
        <translation>Санал болгосон чат: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="367"/>
        <source>from %1</source>
        <translation>%1-с</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="371"/>
        <source>%1 to accept</source>
        <translation>хүлээн авах хугацаа %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="441"/>
        <source>offered to you</source>
        <translation>танд санал болгосон</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="445"/>
        <source>transfer to you</source>
        <translation>танд шилжүүлсэн</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="451"/>
        <source>handed on</source>
        <translation>шилжүүлсэн</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="458"/>
        <source>agent #%1</source>
        <translation>Ажилтан #%1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="473"/>
        <source>Owner: %1</source>
        <translation>Хариуцагч: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="474"/>
        <location filename="../features/routing.py" line="481"/>
        <location filename="../features/routing.py" line="487"/>
        <location filename="../features/routing.py" line="729"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="484"/>
        <source>Helping: %1</source>
        <translation>Туслагч: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="490"/>
        <source>Supervising: %1</source>
        <translation>Хянагч: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="496"/>
        <source>Department: %1</source>
        <translation>Хэлтэс: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="506"/>
        <source>Transferring to %1</source>
        <translation>%1 руу шилжүүлж байна</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="511"/>
        <source>Transferring to %1 until %2 (%3 left)</source>
        <translation>%1 руу шилжүүлж байна, %2 хүртэл (%3 үлдсэн)</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="522"/>
        <source>Offered to %1</source>
        <translation>%1-д санал болгосон</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="530"/>
        <source>Handover note: %1</source>
        <translation>Шилжүүлгийн тэмдэглэл: %1</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="632"/>
        <source>Transfer to %1 asked: the chat stays yours until taken.</source>
        <translation>%1 руу шилжүүлэх хүсэлт илгээлээ: хүлээж авах хүртэл чат таных хэвээр.</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="651"/>
        <source>Escalation asked: the chat stays yours until a senior takes it.</source>
        <translation>Ахлахад шилжүүлэх хүсэлт илгээлээ: ахлах хүлээж авах хүртэл чат таных хэвээр.</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="721"/>
        <source>to %1</source>
        <translation>%1 руу</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="730"/>
        <source>nobody yet</source>
        <translation>одоохондоо хэн ч алга</translation>
    </message>
    <message>
        <location filename="../features/routing.py" line="765"/>
        <source>Not connected to the relay: try again once connected.</source>
        <translation>Сервертэй холбогдоогүй: холбогдсоны дараа дахин оролдоно уу.</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <location filename="../views/rule_editor.py" line="46"/>
        <source>a search engine</source>
        <translation>хайлтын систем</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="47"/>
        <source>a search ad</source>
        <translation>хайлтын зар</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="48"/>
        <source>social media</source>
        <translation>сошиал медиа</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="49"/>
        <source>a link on another site</source>
        <translation>өөр сайтын холбоос</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="50"/>
        <source>a campaign link</source>
        <translation>кампанит ажлын холбоос</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="51"/>
        <source>typed or bookmarked</source>
        <translation>шууд бичсэн эсвэл хавчуурга</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="52"/>
        <source>another page of this site</source>
        <translation>энэ сайтын өөр хуудас</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="55"/>
        <source>computer</source>
        <translation>компьютер</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="56"/>
        <source>phone</source>
        <translation>утас</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="57"/>
        <source>tablet</source>
        <translation>таблет</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="60"/>
        <source>a card in the corner</source>
        <translation>буланд карт</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="61"/>
        <source>a bubble by the chat button</source>
        <translation>чатын товчны дэргэд бөмбөлөг</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="62"/>
        <source>a box in the middle of the page</source>
        <translation>хуудасны голд цонх</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="65"/>
        <source>an invitation to chat</source>
        <translation>чатын урилга</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="66"/>
        <source>one question (the answer arrives as a message)</source>
        <translation>нэг асуулт (хариулт зурвас болж ирнэ)</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="69"/>
        <source>as soon as all of the above hold</source>
        <translation>дээрх бүх нөхцөл биелмэгц</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="70"/>
        <source>when they move to leave the page</source>
        <translation>хуудаснаас гарах гэж байхад</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="75"/>
        <source>new and returning</source>
        <translation>шинэ болон дахин ирсэн</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="76"/>
        <source>only returning visitors</source>
        <translation>зөвхөн дахин ирсэн зочид</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="77"/>
        <source>only first visits</source>
        <translation>зөвхөн анх ирсэн</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="80"/>
        <source>whether or not they chatted</source>
        <translation>өмнө чатласан эсэхээс үл хамааран</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="81"/>
        <source>only who chatted before</source>
        <translation>зөвхөн өмнө чатласан</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="82"/>
        <source>only who never chatted</source>
        <translation>зөвхөн хэзээ ч чатлаагүй</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="85"/>
        <source>at any hour</source>
        <translation>ямар ч цагт</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="86"/>
        <source>only in business hours</source>
        <translation>зөвхөн ажлын цагт</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="87"/>
        <source>only outside business hours</source>
        <translation>зөвхөн ажлын бус цагт</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="90"/>
        <source>whether or not agents are busy</source>
        <translation>ажилтнууд завгүй эсэхээс үл хамааран</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="91"/>
        <source>only while an agent has room</source>
        <translation>зөвхөн ажилтан сул үед</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="92"/>
        <source>only while every agent is busy</source>
        <translation>зөвхөн бүх ажилтан завгүй үед</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="131"/>
        <source>Edit invitation rule</source>
        <translation>Урилгын дүрэм засах</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="131"/>
        <source>New invitation rule</source>
        <translation>Шинэ урилгын дүрэм</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="167"/>
        <source>Rule</source>
        <translation>Дүрэм</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="169"/>
        <source>Prices page from Baidu</source>
        <translation>Baidu-аас үнийн хуудас</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="170"/>
        <source>On: invite visitors with this rule</source>
        <translation>Идэвхтэй: энэ дүрмээр зочдыг урина</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="172"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Name</source>
        <translation>Нэр</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="178"/>
        <source>Which visitors (all that are set must hold)</source>
        <translation>Аль зочдыг (тохируулсан бүх нөхцөл биелэх ёстой)</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="186"/>
        <source>Baidu</source>
        <translation>Baidu</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="188"/>
        <source>a word of their search, e.g. 雅思</source>
        <translation>хайсан үгийн хэсэг, жишээ нь 雅思</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="190"/>
        <source>/prices*, /courses/*</source>
        <translation>/prices*, /courses/*</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="193"/>
        <source>Separate pages with commas. * stands for anything: /prices is that page only, /prices* also /prices/2024. Empty: any page.</source>
        <translation>Хуудсуудыг таслалаар тусгаарлана. * нь дурын зүйл: /prices зөвхөн тэр хуудас, /prices* нь /prices/2024-ийг ч хамарна. Хоосон бол: дурын хуудас.</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="200"/>
        <location filename="../views/rule_editor.py" line="222"/>
        <location filename="../views/rule_editor.py" line="384"/>
        <source> s</source>
        <translation> сек</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="200"/>
        <location filename="../views/rule_editor.py" line="222"/>
        <location filename="../views/rule_editor.py" line="223"/>
        <source>no minimum</source>
        <translation>хязгааргүй</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="202"/>
        <source>Came from</source>
        <translation>Хаанаас ирсэн</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="203"/>
        <source>Search engine</source>
        <translation>Хайлтын систем</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="204"/>
        <source>Searched for</source>
        <translation>Хайсан үг</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="205"/>
        <source>Reading the page</source>
        <translation>Үзэж буй хуудас</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="207"/>
        <source>For at least</source>
        <translation>Хамгийн багадаа</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="212"/>
        <source>More conditions</source>
        <translation>Бусад нөхцөл</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="223"/>
        <source> pages</source>
        <translation> хуудас</translation>
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
        <translation>MN/Улаанбаатар, 中国/浙江省, GB//London</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="230"/>
        <source>country/region/city; leave a part empty to allow any</source>
        <translation>улс/бүс/хот; аль нэгийг хоосон орхивол дурын</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="232"/>
        <source>zh, en-GB</source>
        <translation>mn, zh, en-GB</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="248"/>
        <source>On the site at least</source>
        <translation>Сайтад хамгийн багадаа</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="249"/>
        <source>Pages seen at least</source>
        <translation>Үзсэн хуудас хамгийн багадаа</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="250"/>
        <source>Landed on</source>
        <translation>Орсон хуудас</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="251"/>
        <source>Came from sites</source>
        <translation>Ирсэн сайтууд</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="252"/>
        <source>From places</source>
        <translation>Байршил</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="253"/>
        <source>Browser language</source>
        <translation>Хөтчийн хэл</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="254"/>
        <source>Device</source>
        <translation>Төхөөрөмж</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="255"/>
        <source>Visits</source>
        <translation>Айлчлал</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="256"/>
        <source>Chats before</source>
        <translation>Өмнөх чат</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="257"/>
        <source>Hours</source>
        <translation>Цаг</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="258"/>
        <source>Agents</source>
        <translation>Ажилтнууд</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="265"/>
        <source>What they see</source>
        <translation>Зочин юу харах</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="271"/>
        <source> s later</source>
        <translation> секундын дараа</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="272"/>
        <source>at once</source>
        <translation>шууд</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="274"/>
        <source>Hello {visitor.name}! Questions about our prices?</source>
        <translation>Сайн байна уу, {visitor.name}! Үнийн талаар асуулт байна уу?</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="278"/>
        <source>Empty: the site&apos;s greeting. {visitor.name}, {visitor.city} and {site.name} are filled in for each visitor.</source>
        <translation>Хоосон бол: сайтын мэндчилгээ. {visitor.name}, {visitor.city}, {site.name} нь зочин бүрд бөглөгдөнө.</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="292"/>
        <source>an agent&apos;s user name; empty: the team</source>
        <translation>ажилтны нэвтрэх нэр; хоосон бол: баг</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="294"/>
        <source>Invite</source>
        <translation>Урих</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="295"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Wait</source>
        <translation>Хүлээх</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="296"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Words</source>
        <translation>Үг</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="298"/>
        <source>Kind</source>
        <translation>Төрөл</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="299"/>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Look</source>
        <translation>Харагдах байдал</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="300"/>
        <source>From</source>
        <translation>Хэнээс</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="304"/>
        <source>How often</source>
        <translation>Хэр олон</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="305"/>
        <source>As the site&apos;s settings say</source>
        <translation>Сайтын тохиргоогоор</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="306"/>
        <source>Its own:</source>
        <translation>Өөрийн:</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="316"/>
        <source>Variants (A/B test)</source>
        <translation>Хувилбарууд (A/B туршилт)</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="319"/>
        <source>Optional: other words or looks, each shown to a share of the visitors (weight). An empty cell keeps the rule&apos;s own.</source>
        <translation>Заавал биш: өөр үг эсвэл харагдах байдал, тус бүр зочдын нэг хэсэгт харагдана (жин). Хоосон нүд дүрмийн өөрийнхийг хэрэглэнэ.</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="328"/>
        <source>Weight</source>
        <translation>Жин</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="337"/>
        <source>Add variant</source>
        <translation>Хувилбар нэмэх</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="339"/>
        <source>Remove variant</source>
        <translation>Хувилбар хасах</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="345"/>
        <source>Measure which variant is accepted more</source>
        <translation>Аль хувилбарыг илүү зөвшөөрдгийг хэмжих</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="354"/>
        <source> days</source>
        <translation> хоног</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="357"/>
        <source>Accepted today</source>
        <translation>Одоогийн хувь</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="358"/>
        <source>Worth finding</source>
        <translation>Илрүүлэх хувь</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="359"/>
        <source>False alarm risk</source>
        <translation>Хуурамч дохионы эрсдэл</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="360"/>
        <source>Chance to find it</source>
        <translation>Илрүүлэх магадлал</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="361"/>
        <source>Run at least</source>
        <translation>Хамгийн багадаа явуулах</translation>
    </message>
    <message>
        <location filename="../views/rule_editor.py" line="376"/>
        <location filename="../views/rule_editor.py" line="383"/>
        <source>(the rule&apos;s)</source>
        <translation>(дүрмийнх)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/settings.py" line="25"/>
        <source>every arrival</source>
        <translation>зочин бүр ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="26"/>
        <source>only from search engines</source>
        <translation>зөвхөн хайлтын системээс ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="27"/>
        <source>only returning visitors</source>
        <translation>зөвхөн дахин ирсэн зочид</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="28"/>
        <source>only on these pages</source>
        <translation>зөвхөн эдгээр хуудсанд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="31"/>
        <location filename="../views/settings.py" line="93"/>
        <source>System</source>
        <translation>Системийнх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="32"/>
        <source>Light</source>
        <translation>Цайвар</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="33"/>
        <source>Dark</source>
        <translation>Бараан</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="44"/>
        <source>Parley settings</source>
        <translation>Parley тохиргоо</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="46"/>
        <source>Play a sound for new conversations and messages</source>
        <translation>Шинэ чат, шинэ зурвас ирэхэд дуугаар мэдэгдэх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="54"/>
        <source>never</source>
        <translation>хэзээ ч</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="55"/>
        <source> min without input</source>
        <translation> минут хөдөлгөөнгүй бол</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="58"/>
        <source>Any key or mouse move in Parley sets you Online again, if it set you Away</source>
        <translation>Parley таныг «Түр гарсан» болгосон бол Parley-д ямар нэг товч дарах эсвэл хулгана хөдөлгөхөд дахин «Онлайн» болно</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="73"/>
        <source>A visitor arrives:</source>
        <translation>Зочин ирэхэд:</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="83"/>
        <source>A visitor starts a conversation</source>
        <translation>Зочин чат эхлүүлэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="85"/>
        <source>A new message arrives</source>
        <translation>Шинэ зурвас ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="49"/>
        <source>Start minimised in the tray</source>
        <translation>Эхлэхдээ системийн тавиурт жижгэрсэн байх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="100"/>
        <source>A new language shows from the next start.</source>
        <translation>Шинэ хэл програмыг дараа эхлүүлэхэд хэрэгжинэ.</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="111"/>
        <source>Relay</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="112"/>
        <source>Sound</source>
        <translation>Дуу</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="113"/>
        <source>Pop-ups when</source>
        <translation>Мэдэгдэл харуулах</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="115"/>
        <source>  pages</source>
        <translation>  хуудас</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="118"/>
        <source>Start</source>
        <translation>Эхлэх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="119"/>
        <source>Away after</source>
        <translation>Автоматаар түр гарах</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="120"/>
        <source>Language</source>
        <translation>Хэл</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="122"/>
        <source>Theme</source>
        <translation>Өнгөний загвар</translation>
    </message>
</context>
<context>
    <name>StatusButton</name>
    <message>
        <location filename="../views/status.py" line="35"/>
        <location filename="../views/status.py" line="59"/>
        <source>Your status: visitors see you online only when you are Online</source>
        <translation>Таны төлөв: зөвхөн «Онлайн» үед зочид таныг онлайн гэж харна</translation>
    </message>
    <message>
        <location filename="../views/status.py" line="55"/>
        <source>Away (idle)</source>
        <translation>Түр гарсан (идэвхгүй)</translation>
    </message>
    <message>
        <location filename="../views/status.py" line="57"/>
        <source>Away: nobody used the app for a while. Any key or mouse move sets Online</source>
        <translation>Түр гарсан: программыг хэсэг хугацаанд ашиглаагүй. Ямар нэг товч дарах эсвэл хулгана хөдөлгөхөд «Онлайн» болно</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../views/supervisor.py" line="29"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="30"/>
        <location filename="../views/supervisor.py" line="111"/>
        <source>Department</source>
        <translation>Хэлтэс</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="31"/>
        <source>State</source>
        <translation>Төлөв</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="32"/>
        <source>Agents</source>
        <translation>Ажилтнууд</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="33"/>
        <source>Waiting</source>
        <translation>Хүлээсэн</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="34"/>
        <source>Typing now</source>
        <translation>Одоо бичиж байна</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="35"/>
        <source>Last message</source>
        <translation>Сүүлийн зурвас</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="67"/>
        <source>Supervise chats</source>
        <translation>Чатуудыг хянах</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="88"/>
        <source>Open</source>
        <translation>Нээх</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="90"/>
        <source>Read the chat in the main window; notes there are whispers</source>
        <translation>Чатыг үндсэн цонхонд унших; тэнд бичсэн тэмдэглэл шивнээ болно</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="94"/>
        <source>Barge in</source>
        <translation>Нэгдэх</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="96"/>
        <source>Join the chat as supervisor: the agent keeps it</source>
        <translation>Хянагчаар чатад нэгдэх: ажилтан хариуцсаар байна</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="100"/>
        <source>Take over</source>
        <translation>Өөрөө авах</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="102"/>
        <source>Take the chat over: you answer the visitor from now on</source>
        <translation>Чатыг өөрөө авах: одооноос та зочинд хариулна</translation>
    </message>
    <message>
        <location filename="../views/supervisor.py" line="127"/>
        <source>All departments</source>
        <translation>Бүх хэлтэс</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n chats open</source>
        <translation>
            <numerusform>%n нээлттэй чат</numerusform>
            <numerusform>%n нээлттэй чат</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n хүлээж байна</numerusform>
            <numerusform>%n хүлээж байна</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <location filename="../views/team_window.py" line="41"/>
        <source>Offered to one agent at a time</source>
        <translation>Нэг удаад нэг ажилтанд санал болгоно</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="42"/>
        <source>Shown to everyone, first to accept</source>
        <translation>Бүгдэд харагдана, эхэлж авсан нь авна</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="43"/>
        <source>Both: everyone sees it, one is offered it</source>
        <translation>Хоёулаа: бүгд харна, нэгэнд нь санал болгоно</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="46"/>
        <source>Fewest chats first</source>
        <translation>Хамгийн цөөн чаттай нь эхэлж</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="47"/>
        <source>Longest idle first</source>
        <translation>Хамгийн удаан сул байсан нь эхэлж</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="48"/>
        <source>In turn (round robin)</source>
        <translation>Ээлжээр</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="51"/>
        <location filename="../views/team_window.py" line="56"/>
        <source>Agent</source>
        <translation>Ажилтан</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="52"/>
        <source>Supervisor</source>
        <translation>Хянагч</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="53"/>
        <source>Admin</source>
        <translation>Админ</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="57"/>
        <location filename="../views/team_window.py" line="347"/>
        <source>Role</source>
        <translation>Үүрэг</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="58"/>
        <location filename="../views/team_window.py" line="348"/>
        <location filename="../views/team_window.py" line="441"/>
        <source>Departments</source>
        <translation>Хэлтсүүд</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="59"/>
        <location filename="../views/team_window.py" line="349"/>
        <source>Level</source>
        <translation>Түвшин</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="60"/>
        <location filename="../views/team_window.py" line="350"/>
        <source>Chats at once</source>
        <translation>Зэрэг чатын тоо</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="61"/>
        <location filename="../views/team_window.py" line="351"/>
        <source>Skills</source>
        <translation>Ур чадвар</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="83"/>
        <source>tiers: write level:seconds, as 2:0, 1:30 (not %1)</source>
        <translation>tiers: түвшин:секунд гэж бичнэ, жишээ нь 2:0, 1:30 (%1 биш)</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="93"/>
        <source>tiers: levels 1 to %1, at most 3600 seconds (not %2)</source>
        <translation>tiers: түвшин 1-%1, дээд тал нь 3600 секунд (%2 биш)</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="133"/>
        <source> s</source>
        <translation> сек</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="137"/>
        <source>level:seconds, as 2:0, 1:30; empty: everyone</source>
        <translation>түвшин:секунд, жишээ нь 2:0, 1:30; хоосон: бүгд</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="146"/>
        <source>One pattern a line, as */prices*</source>
        <translation>Мөр бүрт нэг загвар, жишээ нь */prices*</translation>
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
        <translation>Сайт</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="179"/>
        <source>Name</source>
        <translation>Нэр</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="180"/>
        <source>Routing</source>
        <translation>Хуваарилалт</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="181"/>
        <source>Who first</source>
        <translation>Хэн эхэлж</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="182"/>
        <source>Time to accept</source>
        <translation>Хүлээн авах хугацаа</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="183"/>
        <source>Own agent first for</source>
        <translation>Өөрийн ажилтан эхэлж авах хугацаа</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="184"/>
        <source>Tiers</source>
        <translation>Шатлал</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="185"/>
        <source>Queue limit</source>
        <translation>Дарааллын дээд хэмжээ</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="186"/>
        <source>Longest wait</source>
        <translation>Хамгийн урт хүлээлт</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="187"/>
        <source>Away after missed offers</source>
        <translation>Хэдэн санал алгасвал Түр гарсан болгох</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="188"/>
        <source>Pages</source>
        <translation>Хуудсууд</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="189"/>
        <source>Opening hours</source>
        <translation>Ажлын цаг</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="190"/>
        <source>Time zone</source>
        <translation>Цагийн бүс</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="191"/>
        <source>Exceptions</source>
        <translation>Онцгой өдрүүд</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="198"/>
        <source>Save department</source>
        <translation>Хэлтсийг хадгалах</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="205"/>
        <source>What the relay says</source>
        <translation>Серверийн хариу</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="280"/>
        <source>name: a department needs a name</source>
        <translation>name: хэлтэст нэр хэрэгтэй</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="297"/>
        <source>Saving…</source>
        <translation>Хадгалж байна…</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="317"/>
        <source>Saved.</source>
        <translation>Хадгаллаа.</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="338"/>
        <source>Comma separated, as IELTS, refunds</source>
        <translation>Таслалаар тусгаарлана, жишээ нь IELTS, буцаалт</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="340"/>
        <source>Save agent</source>
        <translation>Ажилтныг хадгалах</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="421"/>
        <source>Team</source>
        <translation>Баг</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="429"/>
        <source>New department</source>
        <translation>Шинэ хэлтэс</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="457"/>
        <source>Agents</source>
        <translation>Ажилтнууд</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="458"/>
        <source>Loading the team…</source>
        <translation>Багийг ачаалж байна…</translation>
    </message>
    <message>
        <location filename="../views/team_window.py" line="502"/>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../views/transfer_dialog.py" line="30"/>
        <source>online</source>
        <translation>онлайн</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="31"/>
        <source>away</source>
        <translation>түр гарсан</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="32"/>
        <source>offline</source>
        <translation>офлайн</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="35"/>
        <source>admin</source>
        <translation>админ</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="36"/>
        <source>supervisor</source>
        <translation>хянагч</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="37"/>
        <source>agent</source>
        <translation>ажилтан</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="55"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="58"/>
        <source>level %1</source>
        <translation>түвшин %1</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="67"/>
        <source>%1 (closed now)</source>
        <translation>%1 (одоо хаалттай)</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="89"/>
        <source>Transfer chat</source>
        <translation>Чат шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="91"/>
        <source>To a colleague</source>
        <translation>Хамт олонд</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="92"/>
        <source>To a department</source>
        <translation>Хэлтэст</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="101"/>
        <source>No colleague is connected now.</source>
        <translation>Одоо холбогдсон хамт олон алга.</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="111"/>
        <source>A note for whoever takes it: what the visitor needs, what was done (agents only)</source>
        <translation>Хүлээж авах хүнд тэмдэглэл: зочинд юу хэрэгтэй, юу хийсэн (зөвхөн ажилтнууд)</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="117"/>
        <source>The visitor never sees this note.</source>
        <translation>Зочин энэ тэмдэглэлийг хэзээ ч харахгүй.</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="128"/>
        <source>Transfer</source>
        <translation>Шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="144"/>
        <location filename="../views/transfer_dialog.py" line="237"/>
        <source>Note</source>
        <translation>Тэмдэглэл</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="201"/>
        <source>Escalate chat</source>
        <translation>Чатыг ахлахад шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="207"/>
        <source>Hand this chat to an agent of %1 above your level (%2).</source>
        <translation>Энэ чатыг %1 хэлтсийн таны түвшнөөс (%2) дээш ажилтанд шилжүүлэх.</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="215"/>
        <source>Hand this chat to an agent above your level (%1).</source>
        <translation>Энэ чатыг таны түвшнөөс (%1) дээш ажилтанд шилжүүлэх.</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="222"/>
        <source>Why it needs a senior, what was tried (agents only)</source>
        <translation>Яагаад ахлах хэрэгтэй, юу оролдсон (зөвхөн ажилтнууд)</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="229"/>
        <source>Escalate</source>
        <translation>Ахлахад шилжүүлэх</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="260"/>
        <source>Visitor&apos;s own agent</source>
        <translation>Зочны өөрийн ажилтан</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="263"/>
        <source>Their next chats are offered to this agent first, when they are online.</source>
        <translation>Энэ ажилтан онлайн үед зочны дараагийн чатууд түүнд эхэлж санал болгогдоно.</translation>
    </message>
    <message>
        <location filename="../views/transfer_dialog.py" line="270"/>
        <source>Nobody (whoever serves them next)</source>
        <translation>Хэн ч биш (дараа нь үйлчилсэн нь болно)</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../tray.py" line="14"/>
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location filename="../tray.py" line="15"/>
        <source>Away</source>
        <translation>Түр гарсан</translation>
    </message>
    <message>
        <location filename="../tray.py" line="16"/>
        <source>Offline</source>
        <translation>Офлайн</translation>
    </message>
    <message>
        <location filename="../tray.py" line="74"/>
        <source>Open Parley</source>
        <translation>Parley нээх</translation>
    </message>
    <message>
        <location filename="../tray.py" line="85"/>
        <source>Quit Parley</source>
        <translation>Parley хаах</translation>
    </message>
    <message>
        <location filename="../tray.py" line="100"/>
        <source>Parley: %1</source>
        <translation>Parley: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../tray.py" line="102"/>
        <source>, %n unread</source>
        <translation>
            <numerusform>, %n уншаагүй</numerusform>
            <numerusform>, %n уншаагүй</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitorWords</name>
    <message>
        <location filename="../views/wording.py" line="36"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="37"/>
        <source>Location</source>
        <translation>Байршил</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="38"/>
        <source>Page</source>
        <translation>Хуудас</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="39"/>
        <source>Source</source>
        <translation>Эх сурвалж</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="40"/>
        <source>On site</source>
        <translation>Сайтад</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="41"/>
        <source>Visits</source>
        <translation>Удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="42"/>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="58"/>
        <source>Visitor #%1</source>
        <translation>Зочин #%1</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="70"/>
        <source>%1 ad%2</source>
        <translation>%1 зар%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="74"/>
        <source>campaign %1%2</source>
        <translation>кампанит ажил %1%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="81"/>
        <source>this site</source>
        <translation>энэ сайт</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="83"/>
        <location filename="../views/wording.py" line="86"/>
        <location filename="../views/wording.py" line="88"/>
        <source>Direct</source>
        <translation>Шууд</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="95"/>
        <source>first visit</source>
        <translation>анх удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="97"/>
        <source>visit %1</source>
        <translation>%1-р удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="100"/>
        <source>, chatted %1× before</source>
        <translation>, өмнө %1 удаа чатласан</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="114"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="110"/>
        <source>%1 h %2 min</source>
        <translation>%1 ц %2 мин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="155"/>
        <source>new</source>
        <translation>шинэ</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="205"/>
        <location filename="../views/wording.py" line="164"/>
        <source>chatting</source>
        <translation>чатлаж байна</translation>
    </message>
</context>
<context>
    <name>Visitors</name>
    <message>
        <location filename="../features/visitors.py" line="31"/>
        <source>search</source>
        <translation>хайлт</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="32"/>
        <source>ads</source>
        <translation>зар</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="33"/>
        <source>social</source>
        <translation>сошиал</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="34"/>
        <source>links</source>
        <translation>холбоос</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="35"/>
        <source>campaigns</source>
        <translation>кампанит ажил</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="36"/>
        <source>this site</source>
        <translation>энэ сайт</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="37"/>
        <source>direct</source>
        <translation>шууд</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="45"/>
        <source>Nobody on the site</source>
        <translation>Сайтад одоогоор зочин алга</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="48"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="52"/>
        <source>%1 on the site now: %2</source>
        <translation>Одоо сайтад %1: %2</translation>
    </message>
    <message>
        <location filename="../features/visitors.py" line="54"/>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>WaitWords</name>
    <message>
        <location filename="../wait_words.py" line="48"/>
        <source>The wait is over: you may log in again.</source>
        <translation>Хүлээлт дууслаа: дахин нэвтэрч болно.</translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="52"/>
        <source>The relay asks to wait before the next login. Try again in %n seconds.</source>
        <translation>
            <numerusform>Релей дараагийн нэвтрэлтийн өмнө хүлээхийг хүсэж байна. %n секундийн дараа дахин оролдоно уу.</numerusform>
            <numerusform>Релей дараагийн нэвтрэлтийн өмнө хүлээхийг хүсэж байна. %n секундийн дараа дахин оролдоно уу.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="57"/>
        <source>Too many failed logins. Try again in %n seconds.</source>
        <translation>
            <numerusform>Амжилтгүй нэвтрэлт хэт олон боллоо. %n секундийн дараа дахин оролдоно уу.</numerusform>
            <numerusform>Амжилтгүй нэвтрэлт хэт олон боллоо. %n секундийн дараа дахин оролдоно уу.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="59"/>
        <source>Too many failed logins. Try again in %n minutes.</source>
        <translation>
            <numerusform>Амжилтгүй нэвтрэлт хэт олон боллоо. %n минутын дараа дахин оролдоно уу.</numerusform>
            <numerusform>Амжилтгүй нэвтрэлт хэт олон боллоо. %n минутын дараа дахин оролдоно уу.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wait_words.py" line="63"/>
        <source>Log in (%1)</source>
        <translation>Нэвтрэх (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="72"/>
        <source>Offline: the relay asks to wait, trying again in %n seconds</source>
        <translation>
            <numerusform>Офлайн: релей хүлээхийг хүсэж байна, %n секундийн дараа дахин оролдоно</numerusform>
            <numerusform>Офлайн: релей хүлээхийг хүсэж байна, %n секундийн дараа дахин оролдоно</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="75"/>
        <source>Offline: the relay asks to wait, trying again in %n minutes</source>
        <translation>
            <numerusform>Офлайн: релей хүлээхийг хүсэж байна, %n минутын дараа дахин оролдоно</numerusform>
            <numerusform>Офлайн: релей хүлээхийг хүсэж байна, %n минутын дараа дахин оролдоно</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WithdrawalsDialog</name>
    <message>
        <location filename="../views/audit.py" line="23"/>
        <source>Withdrawn</source>
        <translation>Буцаан татсан</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="24"/>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="25"/>
        <source>By</source>
        <translation>Хэн</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="26"/>
        <source>Sent</source>
        <translation>Илгээсэн</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="27"/>
        <source>What it said</source>
        <translation>Агуулга</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="38"/>
        <source>Withdrawn messages</source>
        <translation>Буцаан татсан зурвасууд</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="51"/>
        <source> [file: %1]</source>
        <translation> [файл: %1]</translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="55"/>
        <source>#%1, message %2</source>
        <translation>#%1, %2-р зурвас</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/audit.py" line="65"/>
        <source>%n withdrawn, newest first</source>
        <translation>
            <numerusform>%n зурвас буцаан татсан, шинэ нь эхэндээ</numerusform>
            <numerusform>%n зурвас буцаан татсан, шинэ нь эхэндээ</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/audit.py" line="67"/>
        <source>Nothing was withdrawn.</source>
        <translation>Буцаан татсан зурвас алга.</translation>
    </message>
</context>
</TS>
