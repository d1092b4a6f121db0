<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ContactsTab</name>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s)</source>
        <translation>
            <numerusform>%Ln company</numerusform>
            <numerusform>%Ln companies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DealsView</name>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n open deal</numerusform>
            <numerusform>%n open deals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s)</source>
        <translation>
            <numerusform>%n deal</numerusform>
            <numerusform>%n deals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message numerus="yes">
        <source>%Ln record(s) removed.</source>
        <translation>
            <numerusform>%Ln record removed.</numerusform>
            <numerusform>%Ln records removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) given back their old values.</source>
        <translation>
            <numerusform>%Ln record given back its old values.</numerusform>
            <numerusform>%Ln records given back their old values.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) changed since the import were left as they are.</source>
        <translation>
            <numerusform>%Ln record changed since the import was left as it is.</numerusform>
            <numerusform>%Ln records changed since the import were left as they are.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KnowledgeView</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeadsView</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n lead</numerusform>
            <numerusform>%n leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n more of your tickets went overdue.</source>
        <translation>
            <numerusform>One of your tickets went overdue.</numerusform>
            <numerusform>%n more of your tickets went overdue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) moved to the Trash.</source>
        <translation>
            <numerusform>%n record moved to the Trash.</numerusform>
            <numerusform>%n records moved to the Trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s)</source>
        <translation>
            <numerusform>%Ln company</numerusform>
            <numerusform>%Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln contact to %1</numerusform>
            <numerusform>Exported %Ln contacts to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Demo data added: %Ln contact(s)</source>
        <translation>
            <numerusform>Demo data added: %Ln contact</numerusform>
            <numerusform>Demo data added: %Ln contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyTasksView</name>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n due today</numerusform>
            <numerusform>%n due today</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message numerus="yes">
        <source>Overdue: due {due}, %n day(s) ago</source>
        <translation>
            <numerusform>Overdue: due {due}, %n day ago</numerusform>
            <numerusform>Overdue: due {due}, %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The newest %n shown; search or filter to find older ones.</source>
        <translation>
            <numerusform>The newest %n shown; search or filter to find older ones.</numerusform>
            <numerusform>The newest %n shown; search or filter to find older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverdueLabel</name>
    <message numerus="yes">
        <source>%n overdue ticket(s) of mine</source>
        <translation>
            <numerusform>%n overdue ticket of mine</numerusform>
            <numerusform>%n overdue tickets of mine</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more of your tickets went overdue.</source>
        <translation>
            <numerusform>One of your tickets went overdue.</numerusform>
            <numerusform>%n more of your tickets went overdue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message numerus="yes">
        <source>At most %n characters.</source>
        <translation>
            <numerusform>At most %n character.</numerusform>
            <numerusform>At most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivablesView</name>
    <message numerus="yes">
        <source>%n customer(s) owe {balance}</source>
        <translation>
            <numerusform>%n customer owes {balance}</numerusform>
            <numerusform>%n customers owe {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message numerus="yes">
        <source>Deals (%n)</source>
        <translation>
            <numerusform>Deals (%n)</numerusform>
            <numerusform>Deals (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>People (%n)</source>
        <translation>
            <numerusform>People (%n)</numerusform>
            <numerusform>People (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message numerus="yes">
        <source>Write the ABC classes to the companies&apos; grades? %n company(s) change.</source>
        <translation>
            <numerusform>Write the ABC classes to the companies&apos; grades? %n company changes.</numerusform>
            <numerusform>Write the ABC classes to the companies&apos; grades? %n companies change.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Grades written: %n company(s) changed.</source>
        <translation>
            <numerusform>Grades written: %n company changed.</numerusform>
            <numerusform>Grades written: %n companies changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Grades given back: %n company(s).</source>
        <translation>
            <numerusform>Grades given back: %n company.</numerusform>
            <numerusform>Grades given back: %n companies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n company(s) changed by a colleague since: left as they are.</source>
        <translation>
            <numerusform>%n company changed by a colleague since: left as it is.</numerusform>
            <numerusform>%n companies changed by a colleague since: left as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation>
            <numerusform>%n row exported to %1</numerusform>
            <numerusform>%n rows exported to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message numerus="yes">
        <source>%n value(s) could not go into their fields: they are in the records&apos; notes, listed below.</source>
        <translation>
            <numerusform>%n value could not go into its field: it is in the record&apos;s notes, listed below.</numerusform>
            <numerusform>%n values could not go into their fields: they are in the records&apos; notes, listed below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to {path}</source>
        <translation>
            <numerusform>Saved %n row to {path}</numerusform>
            <numerusform>Saved %n rows to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
