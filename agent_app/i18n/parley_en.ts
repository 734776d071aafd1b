<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>InvitationRulesDialog</name>
    <message numerus="yes">
        <location filename="../views/invitation_rules.py" line="416"/>
        <source>A/B test: each variant is shown to %n visitor(s) before the result counts.</source>
        <translation>
            <numerusform>A/B test: each variant is shown to %n visitor before the result counts.</numerusform>
            <numerusform>A/B test: each variant is shown to %n visitors before the result counts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="78"/>
        <source>Invite %n visitor(s) to chat:</source>
        <translation>
            <numerusform>Invite %n visitor to chat:</numerusform>
            <numerusform>Invite %n visitors to chat:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/invite_dialog.py" line="259"/>
        <source>%n visitor(s) invited.</source>
        <translation>
            <numerusform>%n visitor invited.</numerusform>
            <numerusform>%n visitors invited.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="413"/>
        <source>visit %1, %2, %n pages</source>
        <translation>
            <numerusform>visit %1, %2, %n page</numerusform>
            <numerusform>visit %1, %2, %n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/main_window.py" line="425"/>
        <source>chat #%1, %2, %n messages</source>
        <translation>
            <numerusform>chat #%1, %2, %n message</numerusform>
            <numerusform>chat #%1, %2, %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n chats open</source>
        <translation>
            <numerusform>%n chat open</numerusform>
            <numerusform>%n chats open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/supervisor.py" line="172"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <location filename="../tray.py" line="102"/>
        <source>, %n unread</source>
        <translation>
            <numerusform>, %n unread</numerusform>
            <numerusform>, %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitWords</name>
    <message numerus="yes">
        <location filename="../wait_words.py" line="52"/>
        <source>The relay asks to wait before the next login. Try again in %n seconds.</source>
        <translation>
            <numerusform>The relay asks to wait before the next login. Try again in %n second.</numerusform>
            <numerusform>The relay asks to wait before the next login. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="57"/>
        <source>Too many failed logins. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many failed logins. Try again in %n second.</numerusform>
            <numerusform>Too many failed logins. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="59"/>
        <source>Too many failed logins. Try again in %n minutes.</source>
        <translation>
            <numerusform>Too many failed logins. Try again in %n minute.</numerusform>
            <numerusform>Too many failed logins. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="72"/>
        <source>Offline: the relay asks to wait, trying again in %n seconds</source>
        <translation>
            <numerusform>Offline: the relay asks to wait, trying again in %n second</numerusform>
            <numerusform>Offline: the relay asks to wait, trying again in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wait_words.py" line="75"/>
        <source>Offline: the relay asks to wait, trying again in %n minutes</source>
        <translation>
            <numerusform>Offline: the relay asks to wait, trying again in %n minute</numerusform>
            <numerusform>Offline: the relay asks to wait, trying again in %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WithdrawalsDialog</name>
    <message numerus="yes">
        <location filename="../views/audit.py" line="65"/>
        <source>%n withdrawn, newest first</source>
        <translation>
            <numerusform>%n withdrawn, newest first</numerusform>
            <numerusform>%n withdrawn, newest first</numerusform>
        </translation>
    </message>
</context>
</TS>
