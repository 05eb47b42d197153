<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>AccountsTable</name>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation>
        <numerusform>%n year</numerusform>
        <numerusform>%n years</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s) match “{search}”</source>
      <translation>
        <numerusform>{total} of %Ln account match “{search}”</numerusform>
        <numerusform>{total} of %Ln accounts match “{search}”</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s)</source>
      <translation>
        <numerusform>{total} of %Ln account</numerusform>
        <numerusform>{total} of %Ln accounts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln account(s)</source>
      <translation>
        <numerusform>%Ln account</numerusform>
        <numerusform>%Ln accounts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n month</numerusform>
        <numerusform>%n months</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Dialogs</name>
    <message numerus="yes">
      <source>The newest {shown} of %Ln entry(ies); scroll down for older ones.</source>
      <translation>
        <numerusform>The newest {shown} of %Ln entry; scroll down for older ones.</numerusform>
        <numerusform>The newest {shown} of %Ln entries; scroll down for older ones.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>All %Ln entry(ies).</source>
      <translation>
        <numerusform>All %Ln entry.</numerusform>
        <numerusform>All %Ln entries.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{shown} of %Ln entry(ies).</source>
      <translation>
        <numerusform>{shown} of %Ln entry.</numerusform>
        <numerusform>{shown} of %Ln entries.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The trail is intact (%Ln entry(ies)).</source>
      <translation>
        <numerusform>The trail is intact (%Ln entry).</numerusform>
        <numerusform>The trail is intact (%Ln entries).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{ready} of %Ln account(s) can sign in; {cannot} cannot.</source>
      <translation>
        <numerusform>{ready} of %Ln account can sign in; {cannot} cannot.</numerusform>
        <numerusform>{ready} of %Ln accounts can sign in; {cannot} cannot.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source> %Ln more (needs/need) attention (see To do).</source>
      <translation>
        <numerusform> %Ln more needs attention (see To do).</numerusform>
        <numerusform> %Ln more need attention (see To do).</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message numerus="yes">
      <source>%Ln account(s)</source>
      <translation>
        <numerusform>%Ln account</numerusform>
        <numerusform>%Ln accounts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source> (%Ln already (was/were).)</source>
      <translation>
        <numerusform> (%Ln already was.)</numerusform>
        <numerusform> (%Ln already were.)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the %Ln selected account(s)</source>
      <translation>
        <numerusform>the %Ln selected account</numerusform>
        <numerusform>the %Ln selected accounts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the %Ln account(s)</source>
      <translation>
        <numerusform>the %Ln account</numerusform>
        <numerusform>the %Ln accounts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %Ln account(s) to {target}.</source>
      <translation>
        <numerusform>Exported %Ln account to {target}.</numerusform>
        <numerusform>Exported %Ln accounts to {target}.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message numerus="yes">
      <source>%n character(s), {bytes} bytes in UTF-8</source>
      <translation>
        <numerusform>%n character, {bytes} bytes in UTF-8</numerusform>
        <numerusform>%n characters, {bytes} bytes in UTF-8</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PasswordStrength</name>
    <message numerus="yes">
      <source>%n second(s)</source>
      <translation>
        <numerusform>%n second</numerusform>
        <numerusform>%n seconds</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n minute(s)</source>
      <translation>
        <numerusform>%n minute</numerusform>
        <numerusform>%n minutes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n hour(s)</source>
      <translation>
        <numerusform>%n hour</numerusform>
        <numerusform>%n hours</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n month</numerusform>
        <numerusform>%n months</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation>
        <numerusform>%n year</numerusform>
        <numerusform>%n years</numerusform>
      </translation>
    </message>
  </context>
</TS>