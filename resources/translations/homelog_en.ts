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
    <name>PasswordDialog</name>
    <message numerus="yes">
      <source>%n character(s), {bytes} bytes in UTF-8</source>
      <translation>
        <numerusform>%n character, {bytes} bytes in UTF-8</numerusform>
        <numerusform>%n characters, {bytes} bytes in UTF-8</numerusform>
      </translation>
    </message>
  </context>
</TS>