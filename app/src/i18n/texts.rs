//! The text table. Each line: key => Swedish, English.

macro_rules! texts {
    ($($key:ident => $sv:literal, $en:literal;)*) => {
        /// An interface text. Serializable so that errors can carry keys, not prose.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum K { $($key),* }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];

            /// (Swedish, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $(K::$key => ($sv, $en)),* }
            }
        }
    };
}

texts! {
    AppName => "Samverkan", "Samverkan";
    AppTagline => "E-hälsomyndighetens samverkansyta för forum, möten och aktiviteter", "The eHealth Agency's collaboration space for forums, meetings and actions";
    SkipToContent => "Hoppa till innehållet", "Skip to content";
    NavMain => "Huvudmeny", "Main menu";
    NavHome => "Översikt", "Overview";
    NavAdminUsers => "Användare", "Users";
    NavAdminOrgs => "Organisationer", "Organisations";
    NavMe => "Mitt konto", "My account";
    LanguageSwitch => "In English", "På svenska";
    LanguageSwitchLabel => "Byt språk till engelska", "Change language to Swedish";
    SignedInAs => "Inloggad som", "Signed in as";
    Login => "Logga in", "Sign in";
    Logout => "Logga ut", "Sign out";
    FooterText => "Samverkan – en tjänst från E-hälsomyndigheten", "Samverkan – a service of the Swedish eHealth Agency";
    FooterContact => "Frågor om tjänsten: servicedesk@ehalsomyndigheten.se", "Questions about the service: servicedesk@ehalsomyndigheten.se";
    Hydrated => "Sidan är interaktiv", "The page is interactive";
    Loading => "Laddar …", "Loading …";
    Save => "Spara", "Save";
    Saved => "Sparat.", "Saved.";
    Cancel => "Avbryt", "Cancel";
    Search => "Sök", "Search";
    Edit => "Ändra", "Edit";
    Create => "Skapa", "Create";
    Yes => "Ja", "Yes";
    No => "Nej", "No";
    Required => "obligatoriskt", "required";
    PreviousPage => "Föregående", "Previous";
    NextPage => "Nästa", "Next";
    PageOf => "Sida", "Page";

    // Home
    HomeTitle => "Översikt", "Overview";
    HomeWelcome => "Välkommen till Samverkan", "Welcome to Samverkan";
    HomeIntro => "Här planerar E-hälsomyndigheten och dess medlemsorganisationer samverkansforumens möten: dagordningar, summeringar, aktivitetslistor och utvärderingar på ett ställe.", "This is where the Swedish eHealth Agency and its member organisations plan the collaboration forums' meetings: agendas, summaries, action lists and evaluations in one place.";
    HomeLoginPrompt => "Logga in för att se dina forum och möten.", "Sign in to see your forums and meetings.";
    HomeMyForums => "Mina forum", "My forums";
    HomeNoForums => "Du är inte medlem i något forum än.", "You are not a member of any forum yet.";
    HomeHello => "Hej", "Hello";

    // Roles and kinds
    RoleAdmin => "Administratör", "Administrator";
    RoleSecretariat => "Sekretariat", "Secretariat";
    RoleCoordinator => "Samordnare", "Coordinator";
    RoleMember => "Medlem", "Member";
    RoleNone => "Ingen forumroll", "No forum role";
    KindAgency => "Myndighet", "Agency";
    KindRegion => "Region", "Region";
    KindPharmacy => "Apoteksaktör", "Pharmacy";
    KindSystemVendor => "Systemleverantör", "System vendor";
    KindAssociation => "Förening eller förbund", "Association";
    KindOther => "Övrig", "Other";

    // Login
    LoginTitle => "Logga in", "Sign in";
    Email => "E-postadress", "E-mail address";
    Password => "Lösenord", "Password";
    NewPassword => "Nytt lösenord", "New password";
    CurrentPassword => "Nuvarande lösenord", "Current password";
    PasswordHint => "Minst 12 tecken. Använd gärna en mening av flera ord.", "At least 12 characters. A sentence of several words works well.";
    LoginFailed => "E-postadressen eller lösenordet stämmer inte.", "The e-mail address or password is not correct.";
    LoginRateLimited => "För många misslyckade inloggningar. Vänta en kvart och försök igen, eller återställ ditt lösenord.", "Too many failed sign-ins. Wait fifteen minutes and try again, or reset your password.";
    ForgotPassword => "Glömt lösenordet?", "Forgotten your password?";

    // Reset
    ResetTitle => "Återställ lösenord", "Reset password";
    ResetIntro => "Skriv din e-postadress så skickar vi en länk där du kan välja ett nytt lösenord.", "Enter your e-mail address and we will send you a link to choose a new password.";
    ResetSend => "Skicka länk", "Send link";
    ResetSent => "Om adressen finns hos oss har vi skickat en länk. Den gäller i två timmar.", "If we know the address, we have sent a link. It is valid for two hours.";
    ResetChoose => "Välj ett nytt lösenord", "Choose a new password";
    ResetDone => "Lösenordet är bytt. Du kan nu logga in.", "Your password has been changed. You can now sign in.";
    TokenInvalid => "Länken är ogiltig, redan använd eller för gammal. Be om en ny.", "The link is invalid, already used or too old. Ask for a new one.";

    // Invitations
    InviteTitle => "Välkommen till Samverkan", "Welcome to Samverkan";
    InviteIntro => "Du har bjudits in. Välj ett lösenord för att aktivera ditt konto.", "You have been invited. Choose a password to activate your account.";
    InviteAccept => "Aktivera kontot", "Activate account";
    InviteDone => "Ditt konto är aktiverat. Logga in med din e-postadress och ditt nya lösenord.", "Your account is active. Sign in with your e-mail address and your new password.";

    // Validation
    ErrRequired => "Fyll i fältet.", "Please fill in this field.";
    ErrEmail => "Skriv en giltig e-postadress, till exempel namn@region.se.", "Enter a valid e-mail address, for example name@region.se.";
    ErrTooLong => "Texten är för lång.", "The text is too long.";
    ErrPasswordShort => "Lösenordet måste ha minst 12 tecken.", "The password must have at least 12 characters.";
    ErrPasswordWeak => "Lösenordet är för lätt att gissa. Välj ett längre eller mindre förutsägbart.", "The password is too easy to guess. Choose a longer or less predictable one.";
    ErrPasswordMismatch => "Lösenorden är inte lika.", "The passwords do not match.";
    ErrCurrentPassword => "Det nuvarande lösenordet stämmer inte.", "The current password is not correct.";
    ErrEmailTaken => "Det finns redan en användare med den e-postadressen.", "A user with that e-mail address already exists.";
    ErrOrgNameTaken => "Det finns redan en organisation med det namnet.", "An organisation with that name already exists.";
    ErrChoose => "Gör ett val.", "Please make a choice.";
    ErrUnknownOrg => "Organisationen finns inte.", "The organisation does not exist.";
    ErrUnknownForum => "Forumet finns inte.", "The forum does not exist.";
    ErrFormHasErrors => "Formuläret innehåller fel. Rätta de markerade fälten.", "The form has errors. Correct the marked fields.";
    ErrCannotDeactivateSelf => "Du kan inte ta bort din egen behörighet eller inaktivera dig själv.", "You cannot remove your own access or deactivate yourself.";
    RepeatPassword => "Upprepa lösenordet", "Repeat the password";

    // Errors and pages
    NotFoundTitle => "Sidan finns inte", "Page not found";
    NotFoundText => "Vi hittar inte sidan du söker. Kontrollera adressen eller gå till översikten.", "We cannot find the page you are looking for. Check the address or go to the overview.";
    ForbiddenTitle => "Du saknar behörighet", "You do not have access";
    ForbiddenText => "Du har inte behörighet till det här. Kontakta forumets sekretariat om du tror att det är fel.", "You do not have access to this. Contact the forum's secretariat if you believe this is wrong.";
    UnauthenticatedText => "Du behöver logga in för att se det här.", "You need to sign in to see this.";
    ErrorTitle => "Något gick fel", "Something went wrong";
    ErrorText => "Ett oväntat fel inträffade. Försök igen om en stund. Ange felkoden om du kontaktar oss.", "An unexpected error occurred. Try again in a moment. Quote the error code if you contact us.";
    ErrorCode => "Felkod", "Error code";
    GoHome => "Till översikten", "Go to the overview";

    // Me
    MeTitle => "Mitt konto", "My account";
    Name => "Namn", "Name";
    Title => "Titel", "Title";
    Language => "Språk", "Language";
    Swedish => "Svenska", "Swedish";
    English => "Engelska", "English";
    Organisation => "Organisation", "Organisation";
    ChangePassword => "Byt lösenord", "Change password";
    PasswordChanged => "Lösenordet är bytt. Andra inloggningar har loggats ut.", "Password changed. Other sessions have been signed out.";
    ProfileSaved => "Dina uppgifter är sparade.", "Your details have been saved.";
    MyDetails => "Mina uppgifter", "My details";
    MyForumRoles => "Mina forum och roller", "My forums and roles";

    // Admin: organisations
    OrgsTitle => "Organisationer", "Organisations";
    OrgName => "Namn", "Name";
    OrgShortName => "Kortnamn", "Short name";
    OrgKind => "Typ", "Kind";
    OrgUsers => "Användare", "Users";
    OrgCreate => "Lägg till organisation", "Add organisation";
    OrgCreated => "Organisationen är tillagd.", "The organisation has been added.";
    OrgUpdated => "Organisationen är ändrad.", "The organisation has been updated.";
    OrgEdit => "Ändra organisation", "Edit organisation";

    // Admin: users
    UsersTitle => "Användare", "Users";
    UsersSearch => "Sök på namn, e-post eller organisation", "Search by name, e-mail or organisation";
    UsersCount => "användare", "users";
    UserStatus => "Status", "Status";
    StatusActive => "Aktiv", "Active";
    StatusInactive => "Inaktiverad", "Deactivated";
    StatusInvited => "Inbjuden", "Invited";
    StatusInviteExpired => "Inbjudan har gått ut", "Invitation expired";
    StatusInviteRevoked => "Inbjudan återkallad", "Invitation revoked";
    Roles => "Roller", "Roles";
    Actions => "Åtgärder", "Actions";
    Deactivate => "Inaktivera", "Deactivate";
    Reactivate => "Aktivera", "Reactivate";
    UserDeactivated => "Användaren är inaktiverad och utloggad.", "The user has been deactivated and signed out.";
    UserReactivated => "Användaren är aktiverad igen.", "The user has been reactivated.";
    InviteUser => "Bjud in en person", "Invite a person";
    InviteSend => "Skicka inbjudan", "Send invitation";
    InviteSent => "Inbjudan är skickad.", "The invitation has been sent.";
    InviteResend => "Skicka igen", "Resend";
    InviteRevoke => "Återkalla", "Revoke";
    InviteResent => "Inbjudan är skickad igen med en ny länk.", "The invitation has been sent again with a new link.";
    InviteRevoked => "Inbjudan är återkallad.", "The invitation has been revoked.";
    Forum => "Forum", "Forum";
    ForumRole => "Roll i forumet", "Role in the forum";
    GlobalAdmin => "Administratör för hela tjänsten", "Administrator of the whole service";
    MakeAdmin => "Gör till administratör", "Make administrator";
    RemoveAdmin => "Ta bort administratörsrollen", "Remove administrator role";
    AdminChanged => "Administratörsrollen är ändrad.", "The administrator role has been changed.";
    ChangeRole => "Ändra roll", "Change role";
    RoleChanged => "Rollen är ändrad.", "The role has been changed.";
    RemoveRole => "Ta bort roll", "Remove role";
    EditRoles => "Ändra roller", "Edit roles";
    AddRole => "Lägg till i forum", "Add to forum";
    NoUsersFound => "Inga användare matchar sökningen.", "No users match the search.";
    ChooseOption => "Välj …", "Choose …";

    // Forums
    NavForums => "Forum", "Forums";
    StructureTitle => "Samverkansstrukturen", "The collaboration structure";
    StructureIntro => "Forumen där E-hälsomyndigheten samverkar med vård, apotek, systemleverantörer och myndigheter. Taktiska forum återkopplar till det strategiska forumet.", "The forums where the Swedish eHealth Agency works with healthcare, pharmacies, system vendors and agencies. Tactical forums report to the strategic forum.";
    NoForumsVisible => "Det finns inga forum som du kan se.", "There are no forums you can see.";
    LevelStrategic => "Strategisk nivå", "Strategic level";
    LevelTactical => "Taktisk nivå", "Tactical level";
    LevelReference => "Referensgrupp", "Reference group";
    LevelDialogue => "Dialogmöte", "Dialogue meeting";
    Level => "Nivå", "Level";
    Public => "Öppet forum", "Public forum";
    MembersOnly => "Endast medlemmar", "Members only";
    Visibility => "Synlighet", "Visibility";
    ParentForum => "Återkopplar till", "Reports to";
    NoParent => "Inget (högsta nivån)", "None (top level)";
    SubForums => "Forum som återkopplar hit", "Forums reporting here";
    Purpose => "Syfte", "Purpose";
    PurposeHint => "Markdown: rubriker, listor, tabeller och länkar fungerar.", "Markdown: headings, lists, tables and links work.";
    AgendaTemplate => "Mall för dagordning", "Agenda template";
    AgendaTemplateHint => "Kopieras till nya dagordningar, en punkt per rad.", "Copied into new agendas, one item per line.";
    ContactEmail => "Funktionsbrevlåda", "Contact mailbox";
    PublishDays => "Publicera dagordningen dagar före mötet", "Publish the agenda this many days before the meeting";
    Slug => "Kortadress", "Short address";
    SlugHint => "Små bokstäver, siffror och bindestreck. Lämna tomt så skapas den av namnet.", "Lower-case letters, digits and hyphens. Leave empty to make it from the name.";
    ForumCreate => "Skapa forum", "Create forum";
    ForumCreated => "Forumet är skapat.", "The forum has been created.";
    ForumEdit => "Ändra forumet", "Edit the forum";
    ForumSaved => "Forumet är sparat.", "The forum has been saved.";
    MemberOrganisations => "Medlemsorganisationer", "Member organisations";
    NoMemberOrganisations => "Inga medlemsorganisationer är registrerade.", "No member organisations are registered.";
    AddOrganisation => "Lägg till organisation", "Add organisation";
    RemoveOrganisation => "Ta bort", "Remove";
    Representatives => "Representanter", "Representatives";
    NoRepresentatives => "Inga personer har en roll i forumet ännu.", "Nobody has a role in the forum yet.";
    Contact => "Kontakt", "Contact";
    PublishRule => "Dagordningen publiceras normalt så här många dagar före mötet:", "The agenda is normally published this many days before the meeting:";
    ErrSlug => "Använd minst två tecken: små bokstäver a–z, siffror och bindestreck.", "Use at least two characters: lower-case a–z, digits and hyphens.";
    ErrSlugTaken => "Kortadressen används redan av ett annat forum.", "Another forum already uses this short address.";
    ErrParentCycle => "Ett forum kan inte återkoppla till sig självt eller till ett forum under sig.", "A forum cannot report to itself or to a forum below it.";
    ErrDays => "Ange ett antal dagar från 0 till 60.", "Enter a number of days from 0 to 60.";

    // Meetings
    Meetings => "Möten", "Meetings";
    UpcomingMeetings => "Kommande möten", "Upcoming meetings";
    PastMeetings => "Tidigare möten", "Past meetings";
    NoUpcomingMeetings => "Inga möten är planerade.", "No meetings are planned.";
    NoPastMeetings => "Inga tidigare möten.", "No past meetings.";
    MeetingTitle => "Rubrik", "Title";
    MeetingDate => "Datum", "Date";
    MeetingStart => "Starttid", "Start time";
    MeetingEnd => "Sluttid", "End time";
    TimeHint => "Till exempel 14.00", "For example 14:00";
    Place => "Plats", "Place";
    OnlineUrl => "Länk till digitalt möte", "Online meeting link";
    Status => "Status", "Status";
    MeetingCreate => "Planera ett möte", "Plan a meeting";
    MeetingCreated => "Mötet är planerat.", "The meeting has been planned.";
    NextMeeting => "Nästa möte", "Next meeting";
    NoNextMeeting => "Nästa möte är inte planerat än.", "The next meeting is not planned yet.";
    CreateNextMeeting => "Skapa nästa möte", "Create the next meeting";
    CreateNextMeetingHint => "Samma forum, rubrik, tider, plats och länk på ett nytt datum. Dagordningen blir ett utkast från forumets mall.", "Same forum, title, times, place and link on a new date. The agenda becomes a draft from the forum's template.";
    CancelMeeting => "Ställ in mötet", "Cancel the meeting";
    CancelReason => "Anledning", "Reason";
    MeetingCancelled => "Mötet är inställt.", "The meeting has been cancelled.";
    CancelledBecause => "Mötet är inställt:", "The meeting is cancelled:";
    JoinOnline => "Anslut till mötet", "Join the meeting";
    StatusProposed => "Förslag", "Proposed";
    StatusPlanned => "Planerat", "Planned";
    StatusAgendaPublished => "Dagordning publicerad", "Agenda published";
    StatusHeld => "Genomfört", "Held";
    StatusSummaryPublished => "Summering publicerad", "Summary published";
    StatusCancelled => "Inställt", "Cancelled";
    ErrDate => "Ange ett datum som ÅÅÅÅ-MM-DD.", "Enter a date as YYYY-MM-DD.";
    ErrTime => "Ange en tid som finns, till exempel 14.00.", "Enter a time that exists, for example 14:00.";
    ErrEndBeforeStart => "Sluttiden måste vara efter starttiden.", "The end time must be after the start time.";
    ErrHttpsUrl => "Länken måste börja med https://.", "The link must start with https://.";

    // Agendas
    Agenda => "Dagordning", "Agenda";
    AgendaDraft => "Utkast – bara sekretariatet ser dagordningen tills den publiceras.", "Draft – only the secretariat sees the agenda until it is published.";
    AgendaNotPublished => "Dagordningen är inte publicerad än. Den brukar publiceras ungefär en vecka före mötet.", "The agenda has not been published yet. It is usually published about a week before the meeting.";
    AgendaEmpty => "Dagordningen har inga punkter än.", "The agenda has no items yet.";
    AgendaPublishedOn => "Dagordningen publicerades", "The agenda was published";
    DaysBeforeMeeting => "dagar före mötet", "days before the meeting";
    PublishAgenda => "Publicera dagordningen", "Publish the agenda";
    AgendaPublished => "Dagordningen är publicerad och medlemmarna får e-post.", "The agenda is published and the members are e-mailed.";
    AddItem => "Lägg till punkt", "Add item";
    ItemAdded => "Punkten är tillagd.", "The item has been added.";
    ItemTitle => "Punkt", "Item";
    Presenters => "Föredragande", "Presenters";
    PresentersHint => "Namn, roll och organisation. Gäster går bra.", "Name, role and organisation. Guests are fine.";
    Duration => "Längd i minuter", "Length in minutes";
    ItemKind => "Typ av punkt", "Kind of item";
    Description => "Beskrivning", "Description";
    MoveUp => "Flytta upp", "Move up";
    MoveDown => "Flytta ned", "Move down";
    DeleteItem => "Ta bort punkten", "Delete the item";
    ChangedOn => "Ändrad", "Changed";
    KindInformation => "Information", "Information";
    KindDiscussion => "Diskussion", "Discussion";
    KindDecision => "Beslut", "Decision";
    KindFeedback => "Återkoppling föregående möte", "Feedback from the previous meeting";
    KindRoundTable => "Laget runt", "Round the table";
    KindSummary => "Summering och avslut", "Summary and close";
    KindNextMeeting => "Nästa möte", "Next meeting";
    ErrDuration => "Ange en längd från 1 till 480 minuter.", "Enter a length from 1 to 480 minutes.";
    ErrAgendaEmpty => "Lägg till minst en punkt innan dagordningen publiceras.", "Add at least one item before publishing the agenda.";
    ErrAgendaAlreadyPublished => "Dagordningen är redan publicerad.", "The agenda is already published.";
    MailAgendaSubject => "Dagordning", "Agenda";
    MailAgendaBody => "Dagordningen för mötet är publicerad. Läs den och förbered dig gärna, och skicka in tillägg i tjänsten om du har något.", "The agenda for the meeting is published. Please read it and prepare, and send in additions in the service if you have any.";

    // Agenda changes, materials
    EditItem => "Ändra punkten", "Edit the item";
    ErrAgendaChanged => "Dagordningen har ändrats under tiden. Ladda om sidan och försök igen.", "The agenda has changed in the meantime. Reload the page and try again.";
    DragHint => "Dra punkterna för att ändra ordningen, eller använd knapparna Flytta upp och Flytta ned.", "Drag the items to change the order, or use the Move up and Move down buttons.";
    ItemSaved => "Punkten är sparad.", "The item has been saved.";
    SendUpdateMail => "Skicka kort uppdatering till medlemmarna", "Send a short update to the members";
    UpdateMailHint => "Punkter har ändrats sedan publiceringen. Medlemmarna får ett kort mejl med de ändrade punkterna.", "Items have changed since publication. The members get a short e-mail listing the changed items.";
    UpdateMailSent => "Uppdateringen är skickad till medlemmarna.", "The update has been sent to the members.";
    ErrAgendaNotPublished => "Dagordningen är inte publicerad än.", "The agenda is not published yet.";
    ErrNoChanges => "Inga punkter har ändrats sedan publiceringen.", "No items have changed since publication.";
    MailAgendaUpdateSubject => "Ändrad dagordning", "Agenda changed";
    MailAgendaUpdateBody => "Dagordningen för mötet har ändrats. De här punkterna är nya eller ändrade:", "The agenda for the meeting has changed. These items are new or changed:";
    MeetingMaterials => "Material till mötet", "Meeting materials";
    NoMaterials => "Inget material än.", "No materials yet.";
    AddMaterial => "Lägg till material", "Add material";
    MaterialFile => "Fil", "File";
    MaterialHint => "PDF, PowerPoint, Word, Excel, PNG eller JPEG, högst 25 MB.", "PDF, PowerPoint, Word, Excel, PNG or JPEG, at most 25 MB.";
    PreReading => "Förhandsläsning", "Pre-reading";
    Upload => "Ladda upp", "Upload";
    MaterialUploaded => "Filen är uppladdad.", "The file has been uploaded.";
    DeleteMaterial => "Ta bort filen", "Delete the file";
    ErrFileType => "Filtypen stöds inte, eller stämmer inte med innehållet. Använd PDF, PPTX, DOCX, XLSX, PNG eller JPEG.", "The file type is not supported, or does not match the content. Use PDF, PPTX, DOCX, XLSX, PNG or JPEG.";
    ErrFileTooLarge => "Filen är större än 25 MB.", "The file is larger than 25 MB.";
    ErrFileMissing => "Välj en fil.", "Choose a file.";
    AddToCalendar => "Lägg till i kalendern", "Add to calendar";

    // Additions
    Additions => "Tillägg till dagordningen", "Additions to the agenda";
    ProposeAddition => "Föreslå ett tillägg", "Propose an addition";
    ProposeAdditionHint => "Sekretariatet tar ställning till förslaget och du får besked via e-post.", "The secretariat decides on the proposal and you are told by e-mail.";
    AdditionOrganisations => "Organisationer bakom förslaget", "Organisations behind the proposal";
    SendAddition => "Skicka förslaget", "Send the proposal";
    AdditionSent => "Förslaget är skickat till sekretariatet.", "The proposal has been sent to the secretariat.";
    AdditionPending => "Väntar på beslut", "Awaiting decision";
    AdditionAccepted => "Tillagd på dagordningen", "Added to the agenda";
    AdditionDeclined => "Avböjd", "Declined";
    AcceptAddition => "Lägg till på dagordningen", "Add to the agenda";
    MoveToMeeting => "Senare möte", "Later meeting";
    MoveAddition => "Flytta till senare möte", "Move to a later meeting";
    DeclineReason => "Skäl att avböja", "Reason for declining";
    DeclineAddition => "Avböj", "Decline";
    AdditionAcceptedDone => "Tillägget finns nu på dagordningen.", "The addition is now on the agenda.";
    AdditionMovedDone => "Tillägget är flyttat till det senare mötet.", "The addition has been moved to the later meeting.";
    AdditionDeclinedDone => "Tillägget är avböjt och förslagsställaren får besked.", "The addition has been declined and the proposer is told.";
    ReceivedOn => "Inkommen", "Received";
    From => "från", "from";
    MovedFrom => "Flyttat från", "Moved from";
    Reason => "Skäl:", "Reason:";
    MeetingLabel => "Möte:", "Meeting:";
    ErrMeetingClosed => "Mötet är inställt eller redan genomfört.", "The meeting is cancelled or already over.";
    ErrChooseOrganisations => "Välj minst en organisation.", "Choose at least one organisation.";
    ErrAdditionDecided => "Tillägget är redan behandlat.", "The addition has already been dealt with.";
    MailAdditionReceivedSubject => "Nytt tillägg till dagordningen", "New addition to the agenda";
    MailAdditionReceivedBody => "Ett tillägg till dagordningen har kommit in och väntar på ert beslut:", "An addition to the agenda has come in and awaits your decision:";
    MailAdditionDecidedSubject => "Ditt tillägg", "Your addition";
    MailAdditionAccepted => "Sekretariatet har lagt till ditt förslag på dagordningen.", "The secretariat has added your proposal to the agenda.";
    MailAdditionMoved => "Sekretariatet har flyttat ditt förslag till ett senare möte, där det tas upp för beslut.", "The secretariat has moved your proposal to a later meeting, where it will be decided on.";
    MailAdditionDeclined => "Sekretariatet har avböjt ditt förslag.", "The secretariat has declined your proposal.";

    // Round the table, participants
    NoUpdates => "Inga skriftliga uppdateringar än.", "No written updates yet.";
    UpdatedOn => "Uppdaterad", "Updated";
    MyUpdate => "Min organisations uppdatering", "My organisation's update";
    MyUpdateHint => "Kort skriftlig lägesbild inför laget runt. Syns för forumets medlemmar och ligger kvar efter mötet.", "A short written update for the round the table. Visible to the forum's members and kept after the meeting.";
    SaveUpdate => "Spara uppdateringen", "Save the update";
    Participants => "Deltagare", "Participants";
    InvitedAre => "Inbjudna:", "Invited:";
    AttendedCount => "närvarande", "attended";
    Attendance => "Närvaro", "Attendance";
    Present => "Närvarande", "Present";
    Absent => "Frånvarande", "Absent";
    MarkPresent => "Markera närvarande", "Mark present";
    MarkAbsent => "Markera frånvarande", "Mark absent";
    ErrAttendanceTooEarly => "Närvaro kan registreras först när mötet har börjat.", "Attendance can be recorded once the meeting has started.";

    // Reminders and cancellations
    MailReminderSubject => "Påminnelse: dagordningen är inte publicerad", "Reminder: the agenda is not published";
    MailReminderBody => "Dagordningen för mötet är fortfarande ett utkast. Forumet publicerar normalt så här långt före mötet:", "The agenda for the meeting is still a draft. The forum normally publishes this long before the meeting:";
    MailActionSubject => "Aktivitet", "Action";
    MailActionDueBody => "En aktivitet som du är ansvarig för närmar sig sitt slutdatum. Lägg gärna till en statusnotering.", "An action you own is approaching its end date. Please add a status note.";
    MailActionOverdueBody => "En aktivitet som du är ansvarig för har passerat sitt slutdatum. Lägg till en statusnotering eller be samordnaren ändra datumet.", "An action you own has passed its end date. Add a status note or ask the coordinator to change the date.";
    MailCancelledSubject => "Inställt möte", "Meeting cancelled";
    MailCancelledBody => "Mötet är inställt.", "The meeting has been cancelled.";

    // Calendar
    NavCalendar => "Kalender", "Calendar";
    CalendarTitle => "Kalender för samverkan", "Collaboration calendar";
    CalendarMonthView => "Månad", "Month";
    CalendarListView => "Lista", "List";
    CalendarView => "Visning", "View";
    ForumFilter => "Forum", "Forum";
    AllForums => "Alla forum", "All forums";
    ShowCalendar => "Visa", "Show";
    PreviousMonth => "Föregående månad", "Previous month";
    NextMonth => "Nästa månad", "Next month";
    PreviousYear => "Föregående år", "Previous year";
    NextYear => "Nästa år", "Next year";
    NoMeetingsInPeriod => "Inga möten under perioden.", "No meetings in this period.";
    Subscribe => "Prenumerera på kalendern", "Subscribe to the calendar";
    SubscribeHint => "Lägg till adressen som prenumeration i Outlook, Google Kalender eller Apples kalender. Mötena uppdateras av sig själva.", "Add the address as a subscription in Outlook, Google Calendar or Apple Calendar. The meetings update by themselves.";
    SubscribePrivate => "Adressen är personlig och ger tillgång till dina forums möten. Dela den inte. Skapa en ny om den har spridits – då slutar den gamla att fungera.", "The address is personal and gives access to your forums' meetings. Do not share it. Create a new one if it has spread – the old one then stops working.";
    SubscribePublicOnly => "Utan inloggning innehåller kalendern bara öppna forum.", "Without signing in the calendar holds only public forums.";
    CreateCalendarLink => "Skapa personlig kalenderadress", "Create a personal calendar address";
    ResetCalendarLink => "Skapa ny adress", "Create a new address";
    CalendarLinkReset => "En ny adress är skapad. Den gamla fungerar inte längre.", "A new address has been created. The old one no longer works.";
    SubscribeForum => "Prenumerera på forumets möten (iCalendar)", "Subscribe to the forum's meetings (iCalendar)";
    SubscribeForumHint => "Kopiera länkadressen till din kalender.", "Copy the link address into your calendar.";
    SubscribeForumNoToken => "Forumets möten går att prenumerera på med din personliga kalenderadress. Skapa den under", "You can subscribe to the forum's meetings with your personal calendar address. Create it under";
    WeekdaysShort => "må ti on to fr lö sö", "Mo Tu We Th Fr Sa Su";
    WeekdaysLong => "måndag tisdag onsdag torsdag fredag lördag söndag", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

    // Overview
    HomeNextMeetings => "Mina nästa möten", "My next meetings";
    HomeNoMeetings => "Inga kommande möten.", "No upcoming meetings.";
    HomePublishedSince => "Dagordningar publicerade sedan ditt förra besök", "Agendas published since your last visit";
    HomeNothingNew => "Inget nytt sedan ditt förra besök.", "Nothing new since your last visit.";
    HomeWaiting => "Väntar på dig", "Waiting for you";
    HomeNothingWaiting => "Inget väntar på dig just nu.", "Nothing is waiting for you right now.";
    HomeAdditionsToReview => "tillägg att ta ställning till", "additions to decide on";
    HomeMyAdditions => "Mina tillägg", "My additions";
    Published => "Publicerad", "Published";

    // Action list
    ActionList => "Aktivitetslistan", "Action list";
    ActionsOf => "Aktivitetslista", "Action list";
    ActionNr => "Nr", "No.";
    ActionTitle => "Aktionspunkt", "Action";
    ActionOwner => "Ansvarig", "Owner";
    ActionOwnerOrg => "Ansvarig organisation", "Owning organisation";
    ActionParticipants => "Övriga deltagare", "Other participants";
    ActionParticipantOrgs => "Övriga organisationer", "Other organisations";
    ActionRaised => "Mötesdatum", "Meeting";
    ActionStart => "Startdatum", "Start date";
    Escalate => "Eskalera till överordnat forum", "Escalate to the parent forum";
    EscalateHint => "Skapar en aktivitet i det överordnade forumets aktivitetslista, länkad till den här.", "Creates an action in the parent forum's list, linked to this one.";
    EscalateItem => "Eskalera punkten till överordnat forum", "Escalate the item to the parent forum";
    EscalatedDone => "Eskalerad. Länken visas på båda ställena.", "Escalated. The link shows on both sides.";
    EscalatedTo => "Eskalerad till", "Escalated to";
    EscalatedFrom => "Eskalerad från", "Escalated from";
    ErrNoParentForum => "Forumet har inget överordnat forum att eskalera till.", "The forum has no parent forum to escalate to.";
    ErrNoParentMeeting => "Det överordnade forumet har inget kommande möte.", "The parent forum has no upcoming meeting.";
    ErrAlreadyEscalated => "Den är redan eskalerad.", "It has already been escalated.";
    ReviewedAt => "Följd upp vid", "Followed up at";
    FeedbackTitle => "Aktiviteter från föregående möte,", "Actions from the previous meeting,";
    FeedbackNone => "Inga öppna aktiviteter från föregående möte.", "No open actions from the previous meeting.";
    RaisedThen => "Ny vid mötet", "New at that meeting";
    StateThen => "Då:", "Then:";
    StateNow => "nu:", "now:";
    ActionRaisedOrStart => "Mötesdatum/ Startdatum", "Meeting/ start date";
    ActionEnd => "Slutdatum", "End date";
    ActionComment => "Kommentar", "Comment";
    ActionState => "Status", "State";
    ActionLatestNote => "Senaste notering", "Latest note";
    StateOpen => "Öppen", "Open";
    StateInProgress => "Pågår", "In progress";
    StateWaiting => "Väntar", "Waiting";
    StateDone => "Klar", "Done";
    StateCancelled => "Avbruten", "Cancelled";
    StateActive => "Alla pågående", "All active";
    AllStates => "Alla", "All";
    Anyone => "Alla", "Anyone";
    AnyMeeting => "Alla möten", "All meetings";
    Overdue => "Försenad", "Overdue";
    OverdueOnly => "Bara försenade", "Overdue only";
    FilterText => "Fritext", "Text";
    Filter => "Filtrera", "Filter";
    SortBy => "Sortera", "Sort";
    SortNumber => "Nummer", "Number";
    SortEnd => "Slutdatum", "End date";
    SortState => "Status", "State";
    SortTitle => "Aktionspunkt", "Action";
    ExportCsv => "Exportera urvalet (CSV)", "Export the selection (CSV)";
    PrintView => "Utskriftsvy", "Print view";
    NoActions => "Inga aktiviteter matchar urvalet.", "No actions match the selection.";
    ActionsCount => "aktiviteter", "actions";
    NewAction => "Ny aktivitet", "New action";
    NewActionsFromMeeting => "Nya aktiviteter till listan?", "New actions for the list?";
    ActionCreate => "Lägg till i aktivitetslistan", "Add to the action list";
    RaisedAtItem => "Från dagordningspunkt", "From agenda item";
    NoItem => "Ingen särskild punkt", "No particular item";
    NoOwner => "Ingen ansvarig", "No owner";
    StatusNotes => "Statusnoteringar", "Status notes";
    NoNotes => "Inga statusnoteringar än.", "No status notes yet.";
    AddNote => "Lägg till statusnotering", "Add a status note";
    NoteDate => "Datum", "Date";
    NoteText => "Notering", "Note";
    NewState => "Ny status", "New state";
    KeepState => "Behåll status", "Keep the state";
    NoteAdded => "Noteringen är tillagd.", "The note has been added.";
    ChangeHistory => "Ändringshistorik", "Change history";
    NoChanges => "Inga ändringar.", "No changes.";
    Comments => "Kommentarer", "Comments";
    NoComments => "Inga kommentarer än.", "No comments yet.";
    AddComment => "Kommentera", "Comment";
    CommentText => "Kommentar", "Comment";
    CommentAdded => "Kommentaren är publicerad.", "The comment has been published.";
    EditAction => "Ändra aktiviteten", "Edit the action";
    BackToList => "Tillbaka till aktivitetslistan", "Back to the action list";
    OpenActions => "öppna aktiviteter", "open actions";
    HomeMyActions => "Mina aktiviteter", "My actions";
    HomeNoActions => "Du har inga öppna aktiviteter.", "You have no open actions.";
    ErrDateInFuture => "Datumet kan inte vara i framtiden.", "The date cannot be in the future.";
    FieldTitle => "Aktionspunkt (rubrik)", "Action (title)";
    FieldStateChangedFrom => "ändrade", "changed";

    // Mail
    MailInviteSubject => "Inbjudan till Samverkan", "Invitation to Samverkan";
    MailInviteBody => "Du har bjudits in till Samverkan, E-hälsomyndighetens samverkansyta. Öppna länken nedan och välj ett lösenord. Länken gäller i sju dagar och kan användas en gång.", "You have been invited to Samverkan, the Swedish eHealth Agency's collaboration space. Open the link below and choose a password. The link is valid for seven days and can be used once.";
    MailResetSubject => "Återställ ditt lösenord i Samverkan", "Reset your Samverkan password";
    MailResetBody => "Någon (förhoppningsvis du) har bett om att få återställa lösenordet. Öppna länken nedan för att välja ett nytt. Länken gäller i två timmar och kan användas en gång. Har du inte bett om detta kan du bortse från meddelandet.", "Someone (hopefully you) asked to reset the password. Open the link below to choose a new one. The link is valid for two hours and can be used once. If you did not ask for this, you can ignore this message.";
    MailGreeting => "Hej", "Hello";
    MailSignature => "Hälsningar, Samverkan – E-hälsomyndigheten", "Regards, Samverkan – the Swedish eHealth Agency";
    // Summaries, comments, audit (issue 5).
    All => "Alla", "All";
    AuditTitle => "Granskningslogg", "Audit log";
    NavAudit => "Granskningslogg", "Audit log";
    AuditAction => "Händelse", "Event";
    AuditCount => "händelser", "events";
    AuditDetail => "Detaljer", "Details";
    AuditIp => "Adress", "Address";
    AuditTarget => "Gäller", "Concerns";
    AuditWhen => "Tid", "Time";
    AuditWho => "Vem", "Who";
    DateFrom => "Från och med", "From";
    DateTo => "Till och med", "To";
    BackToSummary => "Tillbaka till summeringen", "Back to the summary";
    CommentDeleted => "Kommentaren är borttagen.", "The comment has been deleted.";
    CommentEdited => "Kommentaren är ändrad.", "The comment has been changed.";
    CommentHidden => "Kommentaren är dold av sekretariatet:", "The comment was hidden by the secretariat:";
    CommentHiddenDone => "Kommentaren är dold.", "The comment is hidden.";
    CommentRemoved => "Kommentaren har tagits bort", "The comment has been removed";
    DeleteComment => "Ta bort", "Delete";
    HideComment => "Dölj", "Hide";
    HideReason => "Skäl till att dölja", "Reason for hiding";
    Edited => "ändrad", "edited";
    FormerUser => "Tidigare användare", "Former user";
    Reply => "Svara", "Reply";
    ReplyText => "Ditt svar", "Your reply";
    SendReply => "Skicka svaret", "Send the reply";
    MarkdownHint => "Du kan använda markdown: **fetstil**, *kursiv*, listor, tabeller och länkar.", "You can use markdown: **bold**, *italics*, lists, tables and links.";
    ErrCommentsClosed => "Det går inte att kommentera här ännu.", "Comments are not open here yet.";
    ErrEditWindowOver => "En kommentar kan bara ändras de första 15 minuterna.", "A comment can only be changed during its first 15 minutes.";
    Compare => "Jämför", "Compare";
    CompareFrom => "Från version", "From revision";
    CompareTo => "Till version", "To revision";
    CompareRevisions => "Jämför versioner", "Compare revisions";
    DiffAdded => "Tillagt", "Added";
    DiffRemoved => "Borttaget", "Removed";
    DraftSaved => "Utkastet är sparat.", "The draft has been saved.";
    EditSummary => "Skriv summeringen", "Write the summary";
    ReviseSummary => "Rätta den publicerade summeringen", "Correct the published summary";
    SummaryText => "Summering", "Summary";
    SaveDraft => "Spara utkastet", "Save the draft";
    SaveRevision => "Publicera rättelsen", "Publish the correction";
    RevisionReason => "Skäl till rättelsen", "Reason for the correction";
    Revision => "Version", "Revision";
    Revisions => "Versioner", "Revisions";
    Preview => "Förhandsvisning", "Preview";
    PublishSummary => "Publicera summeringen", "Publish the summary";
    PublishSummaryHint => "När summeringen publiceras låses den och forumets medlemmar får den med e-post, med länkar till materialet.", "Publishing locks the summary and mails it to the forum's members, with links to the materials.";
    PublishedOn => "Publicerad", "Published";
    RevisedOn => "reviderad", "revised";
    SendForReview => "Skicka på granskning", "Send for review";
    Reviewers => "Granskare", "Reviewers";
    ReviewersAre => "Granskare:", "Reviewers:";
    ReviewComments => "Granskningskommentarer", "Review comments";
    ErrChooseReviewers => "Välj minst en granskare bland forumets deltagare.", "Choose at least one reviewer among the forum's people.";
    ErrMeetingCancelled => "Mötet är inställt.", "The meeting is cancelled.";
    ErrNothingChanged => "Texten är densamma som förut.", "The text is the same as before.";
    ErrSummaryEmpty => "Spara ett utkast först.", "Save a draft first.";
    ErrSummaryLocked => "Summeringen är publicerad och låst; gör en rättelse i stället.", "The summary is published and locked; make a correction instead.";
    NewActions => "Nya aktiviteter", "New actions";
    NoNewActions => "Inga aktiviteter lades till på mötet.", "No actions were added at the meeting.";
    SummaryDecisions => "Beslut", "Decisions";
    SummaryDraft => "Utkast", "Draft";
    SummaryInReview => "På granskning", "In review";
    SummaryNone => "Ingen summering ännu", "No summary yet";
    SummaryNotYet => "Summeringen är inte publicerad ännu.", "The summary has not been published yet.";
    SummaryOf => "Summering:", "Summary:";
    SummaryPublished => "Publicerad", "Published";
    SummaryPublishedDone => "Summeringen är publicerad och medlemmarna får den med e-post.", "The summary is published and the members are mailed.";
    SummaryReviewStarted => "Utkastet är skickat till granskarna.", "The draft has been sent to the reviewers.";
    SummaryRevisedDone => "Rättelsen är publicerad som en ny version.", "The correction is published as a new revision.";
    SummaryLink => "Summering", "Summary";
    ReadSummary => "Läs summeringen", "Read the summary";
    WriteSummary => "Skriv summeringen", "Write the summary";
    MailSummarySubject => "Summering", "Summary";
    MailSummaryBody => "Summeringen av mötet är publicerad. Den finns också på samverkansytan, med presentationer och aktivitetslista.", "The summary of the meeting has been published. It is also on the collaboration site, with the presentations and the action list.";
    MailSummaryReviewSubject => "Summering att granska", "Summary to review";
    MailSummaryReviewBody => "Du är utsedd att granska summeringen av mötet innan den publiceras. Läs utkastet och kommentera via länken.", "You have been asked to review the summary of the meeting before it is published. Read the draft and comment through the link.";
    AgendaComments => "Kommentarer till dagordningen", "Comments on the agenda";
    CommentsCount => "Kommentarer", "Comments";
    // Notifications.
    MailWhyForum => "Du får det här meddelandet för att du deltar i", "You receive this message because you take part in";
    MailWhyDigest => "Du får en daglig sammanfattning från Samverkan.", "You receive a daily digest from Samverkan.";
    MailSettingsLink => "Ändra dina e-postinställningar:", "Change your e-mail settings:";
    MailUnsubscribeLink => "Avsluta e-post med ett klick:", "Unsubscribe with one click:";
    MailDigestSubject => "Samverkan: det här har hänt", "Samverkan: what has happened";
    MailDigestBody => "Det här har hänt i dina forum sedan förra sammanfattningen.", "This has happened in your forums since the last digest.";
    NotificationsTitle => "E-post från forumen", "E-mail from the forums";
    NotificationsHint => "Välj för varje forum om du vill få e-post direkt, en sammanfattning varje morgon, eller ingen e-post.", "For each forum, choose mail at once, a digest every morning, or no mail.";
    NotificationsSaved => "Inställningarna är sparade.", "The settings have been saved.";
    NoForumsYet => "Du deltar inte i något forum ännu.", "You do not take part in any forum yet.";
    ModeImmediate => "Direkt", "At once";
    ModeDigest => "Daglig sammanfattning", "Daily digest";
    ModeOff => "Av", "Off";
    UnsubscribeTitle => "Avsluta e-post", "Unsubscribe";
    UnsubscribeForum => "du får inte längre e-post om", "you will no longer receive mail about";
    UnsubscribeAll => "du får inte längre e-post från något forum.", "you will no longer receive mail from any forum.";
    UnsubscribeButton => "Avsluta e-posten", "Stop the mail";
    UnsubscribeDone => "Klart. Du får ingen mer e-post härifrån.", "Done. You will receive no more mail from here.";
    UnsubscribeSettings => "Alla e-postinställningar (kräver inloggning)", "All e-mail settings (sign-in needed)";
    MailAssignedSubject => "Aktivitet till dig", "An action for you";
    MailAssignedBody => "Du är ansvarig för en aktivitet i forumets aktivitetslista.", "You are responsible for an action on the forum's action list.";
    MailCommentSubject => "Ny kommentar", "New comment";
    MailCommentBody => "Någon har kommenterat något av ditt i Samverkan.", "Someone has commented on something of yours in Samverkan.";
    FeedTitle => "Samverkan – dagordningar och summeringar", "Samverkan – agendas and summaries";
    FeedAgenda => "Dagordning", "Agenda";
    FeedSummary => "Summering", "Summary";
    NewsFeed => "Nyhetsflöde (Atom) med dagordningar och summeringar:", "News feed (Atom) with agendas and summaries:";
    // Search.
    NavSearch => "Sök", "Search";
    SearchTitle => "Sök", "Search";
    SearchLabel => "Sök bland möten, dagordningar, summeringar, aktiviteter och kommentarer", "Search meetings, agendas, summaries, actions and comments";
    SearchHint => "Skriv ett eller flera ord. Du får bara träffar i det du får läsa.", "Type one or more words. You only get hits in what you may read.";
    SearchHits => "träffar", "hits";
    HitMeeting => "Möte", "Meeting";
    HitItem => "Dagordningspunkt", "Agenda item";
    HitSummary => "Summering", "Summary";
    HitAction => "Aktivitet", "Action";
    HitNote => "Statusnotering", "Status note";
    HitComment => "Kommentar", "Comment";
}
