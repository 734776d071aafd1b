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
        <location filename="../features/alerts.py" line="49"/>
        <source>the site</source>
        <translation>сайт</translation>
    </message>
    <message>
        <location filename="../features/alerts.py" line="50"/>
        <source>landed on %1</source>
        <translation>%1 хуудсанд орсон</translation>
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
        <location filename="../views/chat_pane.py" line="77"/>
        <location filename="../views/chat_pane.py" line="177"/>
        <source>Choose a conversation</source>
        <translation>Чат сонгоно уу</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="79"/>
        <source>Take</source>
        <translation>Хүлээн авах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="80"/>
        <source>Answer this chat yourself</source>
        <translation>Энэ чатад өөрөө хариулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="81"/>
        <source>Close chat</source>
        <translation>Чатыг хаах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="107"/>
        <source>Right-click (or the menu key) a message to copy, quote or withdraw it</source>
        <translation>Мессежийг хуулах, иш татах, буцаан татахын тулд баруун товшино уу (эсвэл цэсний товч)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="128"/>
        <source>Do not quote (Esc)</source>
        <translation>Иш татахгүй (Esc)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="149"/>
        <source>Write a reply. Enter sends, Shift+Enter: new line</source>
        <translation>Хариу бичнэ үү. Enter — илгээх, Shift+Enter — шинэ мөр</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="155"/>
        <source>Send</source>
        <translation>Илгээх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="157"/>
        <source>File…</source>
        <translation>Файл…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="158"/>
        <source>Send a file (or drop files on the chat)</source>
        <translation>Файл илгээх (эсвэл файлаа чат руу чирж оруулна уу)</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="192"/>
        <source>Typing: %1</source>
        <translation>Бичиж байна: %1</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="201"/>
        <source>Replying to %1: %2</source>
        <translation>Хариулж буй зурвас — %1: %2</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="231"/>
        <source>Send a file</source>
        <translation>Файл илгээх</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="296"/>
        <source>Copy</source>
        <translation>Хуулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="298"/>
        <source>Quote in reply</source>
        <translation>Иш татаж хариулах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="301"/>
        <source>Withdraw…</source>
        <translation>Буцаан татах…</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="307"/>
        <source>Withdraw message</source>
        <translation>Зурвасыг буцаан татах</translation>
    </message>
    <message>
        <location filename="../views/chat_pane.py" line="310"/>
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
        <location filename="../views/card_geometry.py" line="175"/>
        <source>(message withdrawn)</source>
        <translation>(зурвасыг буцаан татсан)</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="240"/>
        <source>left a message</source>
        <translation>зурвас үлдээсэн</translation>
    </message>
    <message>
        <location filename="../views/card_geometry.py" line="242"/>
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
        <location filename="../features/conversations.py" line="25"/>
        <source>waiting</source>
        <translation>хүлээгдэж буй</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="26"/>
        <source>active</source>
        <translation>идэвхтэй</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="27"/>
        <source>closed</source>
        <translation>хаагдсан</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="83"/>
        <source>chat #%1</source>
        <translation>Чат #%1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="91"/>
        <source>started on %1</source>
        <translation>Эхэлсэн хуудас: %1</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="106"/>
        <source>%1 is still waiting for an answer. Close the chat anyway?</source>
        <translation>%1 хариулт хүлээсээр байна. Чатыг хаах уу?</translation>
    </message>
    <message>
        <location filename="../features/conversations.py" line="112"/>
        <source>Close chat</source>
        <translation>Чатыг хаах</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../desk.py" line="47"/>
        <source>Connecting…</source>
        <translation>Холбогдож байна…</translation>
    </message>
    <message>
        <location filename="../desk.py" line="48"/>
        <source>Connected</source>
        <translation>Холбогдсон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="49"/>
        <source>Offline: reconnecting</source>
        <translation>Офлайн: дахин холбогдож байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="50"/>
        <source>Offline: the relay asks to wait</source>
        <translation>Офлайн: релей хүлээхийг хүсэж байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="51"/>
        <source>Logged out</source>
        <translation>Гарсан</translation>
    </message>
    <message>
        <location filename="../desk.py" line="52"/>
        <source>Stopped</source>
        <translation>Зогссон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="69"/>
        <source>Connected as %1</source>
        <translation>%1 нэрээр холбогдсон</translation>
    </message>
    <message>
        <location filename="../desk.py" line="73"/>
        <source>Logged out: %1</source>
        <translation>Гарсан: %1</translation>
    </message>
    <message>
        <location filename="../desk.py" line="76"/>
        <source>Offline: no answer from %1, trying again</source>
        <translation>Офлайн: %1 хариулахгүй байна, дахин оролдож байна</translation>
    </message>
    <message>
        <location filename="../desk.py" line="233"/>
        <source>This desktop has no system tray: Parley works from this window.</source>
        <translation>Энэ ширээний орчинд системийн тавиур алга: Parley энэ цонхноос ажиллана.</translation>
    </message>
    <message>
        <location filename="../desk.py" line="286"/>
        <source>The relay&apos;s records were restored or moved: the chats are loaded again.</source>
        <translation>Релейн бүртгэлийг сэргээсэн эсвэл шилжүүлсэн тул чатуудыг дахин ачаалж байна.</translation>
    </message>
    <message>
        <location filename="../desk.py" line="317"/>
        <source>%1: no chat yet; what they type shows below</source>
        <translation>%1: чат эхлээгүй; бичиж буй зүйл нь доор харагдана</translation>
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
        <location filename="../views/main_window.py" line="210"/>
        <location filename="../views/visitor_details.py" line="32"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="33"/>
        <source>E-mail</source>
        <translation>И-мэйл</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="34"/>
        <source>Phone</source>
        <translation>Утас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="35"/>
        <source>Address</source>
        <translation>IP хаяг</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="36"/>
        <source>Location</source>
        <translation>Байршил</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="37"/>
        <source>Device</source>
        <translation>Төхөөрөмж</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="38"/>
        <source>Source</source>
        <translation>Эх сурвалж</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="39"/>
        <source>Landing page</source>
        <translation>Орсон хуудас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="40"/>
        <source>Page</source>
        <translation>Хуудас</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="41"/>
        <source>Visits</source>
        <translation>Зочилсон</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="42"/>
        <source>First seen</source>
        <translation>Анх ирсэн</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="43"/>
        <source>On site since</source>
        <translation>Сайтад ирсэн</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="44"/>
        <source>Path</source>
        <translation>Үзсэн хуудсууд</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="45"/>
        <source>Earlier</source>
        <translation>Өмнө нь</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="52"/>
        <source>All</source>
        <translation>Бүгд</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="53"/>
        <source>Waiting</source>
        <translation>Хүлээгдэж буй</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="54"/>
        <source>Mine</source>
        <translation>Минийх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="55"/>
        <source>Others&apos;</source>
        <translation>Бусдынх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="56"/>
        <source>Closed today</source>
        <translation>Өнөөдөр хаагдсан</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="62"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 сек</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="67"/>
        <source>%1 s</source>
        <translation>%1 сек</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="71"/>
        <source>%1, here now</source>
        <translation>%1, одоо энд байна</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="109"/>
        <source>Filter visitors</source>
        <translation>Зочдыг шүүх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="130"/>
        <source>Nobody on the site</source>
        <translation>Сайтад одоогоор зочин алга</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="168"/>
        <source>Search transcripts (works offline)</source>
        <translation>Чатын түүхээс хайх</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="170"/>
        <source>Search every transcript kept on this computer, also without a connection</source>
        <translation>Энэ компьютерт хадгалсан бүх чатын түүхээс хайна; интернэтгүй үед ч ажиллана</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="102"/>
        <source>Locations: %1 and %2 (CC BY 4.0)</source>
        <translation>Байршлын мэдээлэл: %1, %2 (CC BY 4.0)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="211"/>
        <source>Phrases</source>
        <translation>Бэлэн хариулт</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="224"/>
        <source>&amp;Parley</source>
        <translation>&amp;Parley</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="225"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Тохиргоо…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="226"/>
        <source>&amp;Withdrawn messages…</source>
        <translation>&amp;Буцаан татсан зурвасууд…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="228"/>
        <source>&amp;Log out</source>
        <translation>&amp;Гарах</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="230"/>
        <source>&amp;Quit</source>
        <translation>&amp;Хаах</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="266"/>
        <source>visit %1, %2, %n pages</source>
        <translation>
            <numerusform>%1-р зочлол, %2, %n хуудас</numerusform>
            <numerusform>%1-р зочлол, %2, %n хуудас</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="271"/>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="278"/>
        <source>chat #%1, %2, %n messages</source>
        <translation>
            <numerusform>чат #%1, %2, %n зурвас</numerusform>
            <numerusform>чат #%1, %2, %n зурвас</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="285"/>
        <source>nothing before</source>
        <translation>өмнө нь юу ч алга</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="208"/>
        <source>Open chat #%1 of %2</source>
        <translation>Чат #%1 нээх (%2)</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="176"/>
        <source>no referrer</source>
        <translation>ирсэн хуудас тодорхойгүй</translation>
    </message>
    <message>
        <location filename="../views/visitor_details.py" line="180"/>
        <source>from %1</source>
        <translation>ирсэн: %1</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="323"/>
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
        <location filename="../views/bubble_geometry.py" line="190"/>
        <source>Internal note: the visitor does not see it</source>
        <translation>Дотоод тэмдэглэл: зочин үүнийг харахгүй</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="193"/>
        <source>%1 · internal note</source>
        <translation>%1 · дотоод тэмдэглэл</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="204"/>
        <source>(withdrawn)</source>
        <translation>(буцаан татсан)</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="317"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="329"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="331"/>
        <source>Agent</source>
        <translation>Ажилтан</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="344"/>
        <source>sending…</source>
        <translation>илгээж байна…</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="346"/>
        <source>not sent: double-click to retry</source>
        <translation>илгээгдээгүй: дахин оролдохын тулд давхар товшино уу</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="348"/>
        <source>seen</source>
        <translation>харсан</translation>
    </message>
    <message>
        <location filename="../views/bubble_geometry.py" line="350"/>
        <source>sent</source>
        <translation>илгээсэн</translation>
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
    <name>PopUps</name>
    <message>
        <location filename="../popups.py" line="87"/>
        <source>%1 new messages: %2</source>
        <translation>%1 шинэ мессеж: %2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="93"/>
        <source>New chat: %1</source>
        <translation>Шинэ чат: %1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="95"/>
        <source>New message: %1</source>
        <translation>Шинэ мессеж: %1</translation>
    </message>
    <message>
        <location filename="../popups.py" line="99"/>
        <source>Started a chat</source>
        <translation>Чат эхлүүллээ</translation>
    </message>
    <message>
        <location filename="../popups.py" line="113"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../popups.py" line="116"/>
        <source>%1 and %2 more</source>
        <translation>%1 болон өөр %2</translation>
    </message>
    <message>
        <location filename="../popups.py" line="120"/>
        <source>%1 visitors need you</source>
        <translation>%1 зочин таныг хүлээж байна</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/settings.py" line="23"/>
        <source>every arrival</source>
        <translation>зочин бүр ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="24"/>
        <source>only from search engines</source>
        <translation>зөвхөн хайлтын системээс ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="25"/>
        <source>only returning visitors</source>
        <translation>зөвхөн дахин ирсэн зочид</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="26"/>
        <source>only on these pages</source>
        <translation>зөвхөн эдгээр хуудсанд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="29"/>
        <location filename="../views/settings.py" line="82"/>
        <source>System</source>
        <translation>Системийнх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="30"/>
        <source>Light</source>
        <translation>Цайвар</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="31"/>
        <source>Dark</source>
        <translation>Бараан</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="42"/>
        <source>Parley settings</source>
        <translation>Parley тохиргоо</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="44"/>
        <source>Play a sound for new conversations and messages</source>
        <translation>Шинэ чат, шинэ зурвас ирэхэд дуугаар мэдэгдэх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="62"/>
        <source>A visitor arrives:</source>
        <translation>Зочин ирэхэд:</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="72"/>
        <source>A visitor starts a conversation</source>
        <translation>Зочин чат эхлүүлэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="74"/>
        <source>A new message arrives</source>
        <translation>Шинэ зурвас ирэхэд</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="47"/>
        <source>Start minimised in the tray</source>
        <translation>Эхлэхдээ системийн тавиурт жижгэрсэн байх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="89"/>
        <source>A new language shows from the next start.</source>
        <translation>Шинэ хэл програмыг дараа эхлүүлэхэд хэрэгжинэ.</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="100"/>
        <source>Relay</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="101"/>
        <source>Sound</source>
        <translation>Дуу</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="102"/>
        <source>Pop-ups when</source>
        <translation>Мэдэгдэл харуулах</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="104"/>
        <source>  pages</source>
        <translation>  хуудас</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="107"/>
        <source>Start</source>
        <translation>Эхлэх</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="108"/>
        <source>Language</source>
        <translation>Хэл</translation>
    </message>
    <message>
        <location filename="../views/settings.py" line="110"/>
        <source>Theme</source>
        <translation>Өнгөний загвар</translation>
    </message>
</context>
<context>
    <name>StatusButton</name>
    <message>
        <location filename="../views/status.py" line="35"/>
        <source>Your status: visitors see you online only when you are Online</source>
        <translation>Таны төлөв: зөвхөн «Онлайн» үед зочид таныг онлайн гэж харна</translation>
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
        <location filename="../views/wording.py" line="28"/>
        <source>Visitor</source>
        <translation>Зочин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="29"/>
        <source>Location</source>
        <translation>Байршил</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="30"/>
        <source>Page</source>
        <translation>Хуудас</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="31"/>
        <source>Source</source>
        <translation>Эх сурвалж</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="32"/>
        <source>On site</source>
        <translation>Сайтад</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="33"/>
        <source>Visits</source>
        <translation>Удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="34"/>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="50"/>
        <source>Visitor #%1</source>
        <translation>Зочин #%1</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="62"/>
        <source>%1 ad%2</source>
        <translation>%1 зар%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="66"/>
        <source>campaign %1%2</source>
        <translation>кампанит ажил %1%2</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="73"/>
        <source>this site</source>
        <translation>энэ сайт</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="75"/>
        <location filename="../views/wording.py" line="78"/>
        <location filename="../views/wording.py" line="80"/>
        <source>Direct</source>
        <translation>Шууд</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="87"/>
        <source>first visit</source>
        <translation>анх удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="89"/>
        <source>visit %1</source>
        <translation>%1-р удаа</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="92"/>
        <source>, chatted %1× before</source>
        <translation>, өмнө %1 удаа чатласан</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="106"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="102"/>
        <source>%1 h %2 min</source>
        <translation>%1 ц %2 мин</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="147"/>
        <source>new</source>
        <translation>шинэ</translation>
    </message>
    <message>
        <location filename="../views/wording.py" line="153"/>
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
