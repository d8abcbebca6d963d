<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Dutch for the texts of Qt's own dialogs that Qt's qtbase_nl.qm leaves in English
     (Qt 6 renamed them). Compiled with `make translations` into qt_extra_nl.qm. -->
<TS version="2.1" language="nl_NL">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Bestanden van &amp;type:</translation>
    </message>
</context>
</TS>
