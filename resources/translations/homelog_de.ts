<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
  <context>
    <name>AccountsTable</name>
    <message>
      <source>none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>never</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{text} (not a time)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>disabled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>locked until {time}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must change password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>, </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>unknown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>today</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <source>set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Administrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ID</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Role</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last sign-in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password age</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Created</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Updated</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No accounts yet. Press Ctrl+N to add the first one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Administrators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No account is an administrator.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Disabled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No account is disabled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Locked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No account is locked.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Must change password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No account must change its password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every account has a password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Never signed in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every account has signed in at least once.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This account has a password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No password: cannot sign in.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Disabled: this account cannot sign in until an administrator enables it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Locked after too many failed sign-ins, until {time} (local time).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Must choose a new password at the next sign-in.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password set {time}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No database open</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s) match “{search}”</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln account(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <source>No account matches the search{filter}.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n month(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Actions</name>
    <message>
      <source>The database is open read-only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New database…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Create an empty database file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open database…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open another database file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Sign in…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign in to the database whose sign-in was cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Database settings…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How new passwords of this database are hashed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign o&amp;ut</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hide the accounts until an administrator signs in again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back up…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save a copy of the whole database in a new file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Restore…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Replace the database with a backup (the current one is kept)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Write the accounts shown to a CSV or JSON file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>E&amp;xport selected…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Write the selected accounts to a CSV or JSON file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add accounts from a CSV or JSON file, all or none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Quit HomeLog Desktop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New account…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add an account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Edit account…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Edit the email and name of the selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Delete account…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Set password…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Set a new password for the selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Remove password…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove the password of the selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Check password…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check whether a password is the selected account's</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make &amp;administrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Let the selected account sign in here and manage the accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make &amp;member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make the selected administrator a member again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D&amp;isable account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep the selected account from signing in (it keeps its password)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ena&amp;ble account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Let the selected disabled account sign in again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Unlock account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>End the lock after too many failed sign-ins, and forget those failures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Re&amp;quire a new password…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask the selected accounts to choose a new password at their next sign-in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read the accounts again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;History…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every change to an account and every sign-in: who, when, what</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>History of this a&amp;ccount…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What happened to the selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-in r&amp;eadiness…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which accounts can sign in, and why the others cannot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;About HomeLog Desktop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Version, database in use and licences</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Formats</name>
    <message>
      <source>yyyy-MM-dd HH:mm</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>yyyy-MM-dd HH:mm:ss</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>The language changes when HomeLog Desktop is started again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not signed in: the accounts of {file} are shown once an administrator signs in.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No database is open.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search by email or name  (Ctrl+F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lists only the accounts whose email or name holds the text; Escape clears</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show only the accounts in this state</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Show:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>⚠ Other users can read this file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in as {email}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not signed in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (read-only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>; {count} selected</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Menus</name>
    <message>
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;System language</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>