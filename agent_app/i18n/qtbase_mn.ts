<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mn" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>За</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Хадгалах</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Бүгдийг хадгалах</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Нээх</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Тийм</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>&amp;Бүгдэд тийм</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Үгүй</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Бүгдэд ү&amp;гүй</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Зогсоох</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Дахин оролдох</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Үл хэрэгсэх</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Хаах</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Болих</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Хаях</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Тусламж</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Хэрэгжүүлэх</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Шинэчлэх</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Анхны тохиргоог сэргээх</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;За</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Хадгалах</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Болих</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Хаах</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Хадгалахгүйгээр хаах</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Буцаах</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Дахин хийх</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Таслах</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Хуулах</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Буулгах</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Устгах</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Бүгдийг сонгох</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Буцаах</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Дахин хийх</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Таслах</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Хуулах</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>&amp;Холбоосын хаягийг хуулах</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Буулгах</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Устгах</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Бүгдийг сонгох</translation>
    </message>
</context>
</TS>
