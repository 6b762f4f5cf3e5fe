using LexHeller.Core.Cases;

namespace LexHeller.Core.Demo;

/// <summary>A partner of the förbund as the demo texts name it; the seeder maps it to the förbund's own organisation.</summary>
internal enum DemoParty { Fk, Af, Kommun, Region }

/// <summary>
/// One deviation of the kind the activity plans describe, as a reporter would write it: de-identified (no names, no
/// numbers that could point at a person), with what the BUG and the parties would answer.
/// </summary>
internal sealed record DemoScenario(
    CaseKind Kind,
    string Category,
    DemoParty[] Parties,
    string WhatHappened,
    string Consequences,
    string? Suggestion,
    CaseOutcome Outcome,
    string Summary,
    string Answer,
    string? OtherActor = null,
    (DemoParty From, DemoParty To, int DaysWaited, bool Received)? Handover = null,
    (DemoParty A, string RequirementA, string? RuleA, DemoParty B, string RequirementB, string? RuleB)? Conflict = null);

/// <summary>The demo's texts, in Swedish. Every one of them passes the personal-data guard, names included (a test holds it).</summary>
internal static class DemoTexts
{
    public static readonly DemoScenario[] Scenarios =
    [
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Kommun, DemoParty.Af],
            "Försörjningsstödsenheten skickade en remiss till Arbetsförmedlingen om ett gemensamt planeringsmöte. Remissen kom aldrig fram till rätt kontor och ingen hörde av sig till någon av parterna.",
            "Personen stod utan planering och aktivitet i sju veckor och fick själv ringa runt för att ta reda på vad som hänt.",
            "En gemensam funktionsbrevlåda för remisser mellan kommunen och Arbetsförmedlingen, med kvittens när remissen tagits emot.",
            CaseOutcome.ActionByParty,
            "Remisser om gemensam planering tappades mellan kommunen och Arbetsförmedlingen eftersom mottagarkontoret inte framgick.",
            "Parterna har infört en gemensam funktionsbrevlåda och kvitterar varje remiss inom tre arbetsdagar. Kansliet följer upp rutinen efter ett halvår.",
            Handover: (DemoParty.Kommun, DemoParty.Af, 49, false)),
        new(CaseKind.Avvikelse, "Regler som krockar", [DemoParty.Fk, DemoParty.Af],
            "Försäkringskassan krävde att personen först prövats i arbetslivsinriktade insatser innan sjukersättning kunde prövas. Arbetsförmedlingen bedömde samtidigt att personen inte kunde ta del av insatser förrän hälsan utretts.",
            "Personen hamnade mellan myndigheterna utan ersättning från någon av dem och blev beroende av försörjningsstöd.",
            "Ett gemensamt avstämningsmöte där båda myndigheterna deltar innan någon av dem fattar beslut.",
            CaseOutcome.RaisedToBoard,
            "Krav på arbetsprövning hos den ena myndigheten och krav på utredd hälsa hos den andra låste varandra.",
            "Styrelsen har tagit upp frågan med myndigheternas regionala ledningar. Lokalt bokas ett gemensamt avstämningsmöte innan beslut i liknande ärenden.",
            Conflict: (DemoParty.Fk, "Arbetslivsinriktade insatser ska ha prövats innan sjukersättning prövas.", "Socialförsäkringsbalken 33 kap.",
                DemoParty.Af, "Hälsan ska vara utredd innan personen kan ta del av insatser.", null)),
        new(CaseKind.Avvikelse, "Nåbarhet och kontakt", [DemoParty.Fk],
            "Handläggaren på kommunens arbetsmarknadsenhet försökte under tre veckor nå den handläggare på Försäkringskassan som hade ärendet. Kundtjänsten kunde bara lämna meddelanden och ingen ringde tillbaka.",
            "Ett planerat trepartsmöte ställdes in och personens rehabilitering sköts upp en månad.",
            "En direktväg för samverkanspartner in till handläggande enhet, till exempel en samverkanstelefon med återkoppling samma vecka.",
            CaseOutcome.ActionByParty,
            "Samverkanspartner nådde inte handläggande enhet på Försäkringskassan; meddelanden via kundtjänst besvarades inte.",
            "Försäkringskassan har inrättat en samverkansingång för förbundets parter med återkoppling inom två arbetsdagar."),
        new(CaseKind.Avvikelse, "Väntetid", [DemoParty.Region],
            "En person i insatsen behövde en bedömning av arbetsförmågan från vårdcentralen. Väntetiden till läkarbesöket var elva veckor och intyget kom först efter ytterligare tre veckor.",
            "Personen kunde inte påbörja arbetsträning och ersättningen drogs in under väntetiden.",
            null,
            CaseOutcome.NoActionPossible,
            "Lång väntetid till läkarbedömning för arbetsförmåga försenade arbetsträning.",
            "Regionen kan inte prioritera bedömningar för arbetsförmåga före andra besök. Frågan finns med i förbundets sammanställning till styrelsen som ett känt strukturellt hinder."),
        new(CaseKind.Avvikelse, "Informationsdelning och sekretess", [DemoParty.Kommun, DemoParty.Region],
            "Socialtjänsten och psykiatrin hade var sin plan för samma person men kunde inte samordna dem eftersom samtycke till informationsdelning saknades. Ingen av parterna tog initiativ till att fråga om samtycke.",
            "Personen fick motstridiga besked om vilka insatser som gällde och tackade till slut nej till båda.",
            "Fråga om samtycke till samverkan redan vid första mötet och dokumentera det på samma sätt hos båda parter.",
            CaseOutcome.ActionByParty,
            "Samordnad individuell plan kom inte till stånd eftersom ingen frågade om samtycke.",
            "Kommunen och regionen har infört en gemensam samtyckesblankett som används vid första mötet. Rutinen ingår i introduktionen för nya medarbetare."),
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Region, DemoParty.Kommun],
            "Psykiatrin skrev ut en person och skickade en överlämning till kommunens socialpsykiatri. Överlämningen adresserades till en enhet som lagts ner och blev liggande.",
            "Personen saknade stöd i sex veckor efter utskrivningen och återinskrevs akut.",
            "Uppdaterade adresser i vårdens system och en kvittens från mottagande enhet.",
            CaseOutcome.ActionByParty,
            "En utskrivningsöverlämning gick till en nedlagd enhet och ingen märkte det.",
            "Regionen har uppdaterat mottagarlistorna och kommunen kvitterar nu varje överlämning samma dag.",
            Handover: (DemoParty.Region, DemoParty.Kommun, 42, false)),
        new(CaseKind.Avvikelse, "Ekonomiskt stöd", [DemoParty.Kommun, DemoParty.Fk],
            "Försörjningsstödet krävde att personen ansökte om sjukpenning innan stöd kunde beviljas. Försäkringskassan avslog ansökan eftersom personen saknade sjukpenninggrundande inkomst, men beslutet tog åtta veckor.",
            "Personen saknade inkomst i två månader och fick skulder för hyran.",
            "Kommunen kan bevilja stöd i avvaktan på beslut när det är uppenbart att rätt till sjukpenning saknas.",
            CaseOutcome.SolvedLocally,
            "Krav på att först söka sjukpenning gav två månader utan inkomst när rätten till sjukpenning uppenbart saknades.",
            "Socialtjänsten har ändrat sin riktlinje: stöd beviljas i avvaktan på beslut när sjukpenninggrundande inkomst saknas."),
        new(CaseKind.Avvikelse, "Boende", [DemoParty.Kommun, DemoParty.Af],
            "För att få en bostad genom kommunens bostadsförmedling krävdes en anställning. För att få anställningen i arbetsträningen krävdes en fast adress.",
            "Personen bodde i akutboende i fyra månader och kunde inte börja arbetsträna.",
            "Ett undantag från kravet på fast adress för deltagare i förbundets insatser.",
            CaseOutcome.RaisedAcrossForbund,
            "Krav på anställning för bostad och på bostad för anställning stängde personen ute från båda.",
            "Frågan har lyfts till det förbundsgemensamma nätverket eftersom flera förbund ser samma mönster. Lokalt godtas insatsens adress tills vidare."),
        new(CaseKind.Avvikelse, "Språk och tolk", [DemoParty.Af],
            "Ett uppföljningsmöte hos Arbetsförmedlingen bokades utan tolk trots att behovet stod i remissen. Mötet genomfördes på svenska.",
            "Personen förstod inte att en aktivitet skulle påbörjas och fick en varning för utebliven aktivitet.",
            "Tolkbehov som står i remissen ska föras över till bokningen automatiskt.",
            CaseOutcome.ActionByParty,
            "Tolkbehov i remissen följde inte med till bokningen av mötet.",
            "Arbetsförmedlingen har ändrat rutinen så att tolkbehov i en remiss alltid kontrolleras vid bokning. Varningen har omprövats."),
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Af, DemoParty.Fk],
            "Arbetsförmedlingen skickade en begäran om gemensam kartläggning till Försäkringskassan. Begäran besvarades först efter att kommunens samordnare hade påmint tre gånger.",
            "Kartläggningen försenades en månad och personens plan fick göras om.",
            null,
            CaseOutcome.SolvedLocally,
            "En begäran om gemensam kartläggning besvarades först efter upprepade påminnelser.",
            "Parterna har kommit överens om en kontaktperson på vardera sidan för gemensamma kartläggningar.",
            Handover: (DemoParty.Af, DemoParty.Fk, 31, true)),
        new(CaseKind.Avvikelse, "Oklart ansvar", [DemoParty.Kommun, DemoParty.Region],
            "Ingen av parterna ansåg sig ansvara för att samordna insatserna för en person med både missbruk och psykisk ohälsa. Frågan bollades mellan beroendevården och socialtjänsten.",
            "Personen fick ingen samordnad plan och avbröt behandlingen.",
            "Ett tydligt ansvar för vem som kallar till samordnad individuell plan när båda huvudmännen är inblandade.",
            CaseOutcome.ActionByParty,
            "Ansvaret för att kalla till samordnad plan vid samsjuklighet var oklart.",
            "Kommunen och regionen har skrivit in i den gemensamma överenskommelsen att den som först uppmärksammar behovet kallar."),
        new(CaseKind.Avvikelse, "Nåbarhet och kontakt", [DemoParty.Af],
            "Deltagaren i insatsen fick ett brev om att ett möte bokats digitalt men hade varken dator eller bank-id. Ingen annan mötesform erbjöds.",
            "Personen uteblev från mötet och skrevs ut från programmet.",
            "Erbjud alltid ett fysiskt möte eller telefonmöte när digitalt möte inte fungerar.",
            CaseOutcome.ActionByParty,
            "Enbart digitala möten stängde ute en deltagare utan dator och e-legitimation.",
            "Arbetsförmedlingen erbjuder nu fysiska möten på det lokala kontoret för deltagare i förbundets insatser. Utskrivningen har hävts."),
        new(CaseKind.Avvikelse, "Regler som krockar", [DemoParty.Fk, DemoParty.Kommun],
            "Aktivitetsersättningen förutsatte att personen deltog i en aktivitet på heltid. Kommunens arbetsträning kunde bara erbjuda halvtid under de första månaderna.",
            "Ersättningen sänktes och personen övervägde att avbryta arbetsträningen.",
            "Gemensam bedömning av omfattningen vid start, så att ersättningen följer en planerad upptrappning.",
            CaseOutcome.SolvedLocally,
            "Krav på heltidsaktivitet krockade med arbetsträning som börjar på halvtid.",
            "Försäkringskassan och kommunen gör nu en gemensam plan för upptrappning som godtas som aktivitet.",
            Conflict: (DemoParty.Fk, "Aktiviteten ska omfatta heltid för full ersättning.", null,
                DemoParty.Kommun, "Arbetsträningen börjar på halvtid och trappas upp.", "Kommunens riktlinje för arbetsträning")),
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Kommun, DemoParty.Region],
            "Kommunens arbetsmarknadsenhet skickade en förfrågan om läkarintyg till vårdcentralen inför en insats. Förfrågan skickades med vanlig post och registrerades aldrig.",
            "Personen väntade på besked i fem veckor innan någon upptäckte att förfrågan saknades.",
            "Förfrågningar mellan kommun och vårdcentral skickas digitalt med kvittens.",
            CaseOutcome.ActionByParty,
            "En förfrågan om läkarintyg skickad med post registrerades aldrig på vårdcentralen.",
            "Regionen har öppnat en digital väg för förfrågningar från kommunen, med kvittens.",
            Handover: (DemoParty.Kommun, DemoParty.Region, 35, false)),
        new(CaseKind.Avvikelse, "Väntetid", [DemoParty.Af],
            "Efter avslutad arbetsträning dröjde det tio veckor innan Arbetsförmedlingen tog över med nästa insats. Under tiden hade personen ingen aktivitet alls.",
            "Motivationen sjönk och personen tackade nej när insatsen väl erbjöds.",
            "Överlämningen planeras redan fyra veckor innan arbetsträningen avslutas.",
            CaseOutcome.SolvedLocally,
            "Glapp på tio veckor mellan avslutad arbetsträning och nästa insats.",
            "Förbundets insatser planerar nu nästa steg tillsammans med Arbetsförmedlingen en månad före avslut."),
        new(CaseKind.Avvikelse, "Informationsdelning och sekretess", [DemoParty.Fk, DemoParty.Region],
            "Vårdcentralen skickade ett läkarutlåtande till Försäkringskassan men inte till den samordnare som personen hade gett samtycke till. Samordnaren fick vänta på en kopia i en månad.",
            "Samordningen stannade upp och ett avstämningsmöte fick skjutas upp två gånger.",
            null,
            CaseOutcome.SolvedLocally,
            "Utlåtanden nådde inte samordnaren trots samtycke.",
            "Vårdcentralen har lagt in samordnaren som mottagare i rutinen när samtycke finns."),
        new(CaseKind.Avvikelse, "Ekonomiskt stöd", [DemoParty.Af, DemoParty.Kommun],
            "Utbetalningen av aktivitetsstöd stoppades när personen bytte insats, eftersom rapporteringen i det nya programmet började först efter en månad.",
            "Personen fick söka försörjningsstöd för en månad och fick betala hyran sent.",
            "Rapporteringen ska fortsätta utan avbrott när en deltagare byter insats inom förbundet.",
            CaseOutcome.ActionByParty,
            "Aktivitetsstödet stoppades vid byte av insats.",
            "Arbetsförmedlingen och insatserna har samordnat rapporteringen så att den löper vidare vid byte."),
        new(CaseKind.Avvikelse, "Övrigt", [DemoParty.Kommun],
            "En deltagare i förbundets insats fick inte längre färdtjänst till arbetsträningen när beslutet omprövades. Arbetsträningen räknades inte som ett skäl för resor.",
            "Personen kunde inte ta sig till arbetsträningen och insatsen avbröts.",
            "Arbetsträning inom förbundets insatser bör räknas som skäl vid prövning av färdtjänst.",
            CaseOutcome.RaisedToBoard,
            "Arbetsträning räknades inte som skäl för färdtjänst.",
            "Styrelsen har skrivit till kommunens färdtjänstnämnd och bett att regeln ses över."),
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Fk, DemoParty.Kommun],
            "Försäkringskassan överlämnade en person till kommunens arbetsmarknadsenhet efter avslutad sjukpenning. Överlämningen saknade uppgift om vilka insatser som redan prövats.",
            "Arbetsmarknadsenheten gjorde om en kartläggning som redan fanns och personen fick börja om från början.",
            "En gemensam mall för överlämning med prövade insatser och kontaktuppgifter till handläggande enhet.",
            CaseOutcome.ActionByParty,
            "Överlämningar efter avslutad sjukpenning saknade uppgifter om prövade insatser.",
            "En gemensam mall för överlämning har tagits fram i BUG och används av båda parterna.",
            Handover: (DemoParty.Fk, DemoParty.Kommun, 12, true)),
        new(CaseKind.Avvikelse, "Oklart ansvar", [DemoParty.Af, DemoParty.Region],
            "En ung person med neuropsykiatrisk funktionsnedsättning behövde anpassningar på arbetsplatsen. Arbetsförmedlingen hänvisade till habiliteringen och habiliteringen hänvisade tillbaka.",
            "Praktikplatsen avslutades eftersom anpassningarna aldrig kom på plats.",
            "Ett gemensamt möte med arbetsgivaren där ansvaret för varje anpassning fördelas.",
            CaseOutcome.SolvedLocally,
            "Ansvaret för anpassningar på praktikplatsen bollades mellan arbetsmarknad och habilitering.",
            "Parterna kallar nu till ett gemensamt möte med arbetsgivaren innan en praktik börjar."),
        new(CaseKind.Avvikelse, "Språk och tolk", [DemoParty.Region, DemoParty.Kommun],
            "Vid ett samordningsmöte fanns tolk på plats men inga skriftliga underlag på ett språk som personen kunde läsa. Besluten skickades sedan hem enbart på svenska.",
            "Personen missade en tid hos vården och en ansökan om stöd blev ofullständig.",
            "Sammanfattning av besluten på lätt svenska eller på personens språk efter varje samordningsmöte.",
            CaseOutcome.NoActionPossible,
            "Skriftliga beslut efter samordningsmöten fanns bara på svenska.",
            "Parterna saknar i dag medel för översättning av varje beslut. Förbundet har tagit fram en kort sammanfattning på lätt svenska som delas ut vid mötet.",
            OtherActor: "Tolkförmedlingen"),
        new(CaseKind.Avvikelse, "Nåbarhet och kontakt", [DemoParty.Kommun],
            "En person som frigivits från anstalt skulle få stöd av kommunen enligt en planering som gjorts under verkställigheten. Ingen på kommunen kände till planeringen när personen kom.",
            "Personen saknade bostad och försörjning de första dagarna efter frigivningen.",
            "Kriminalvården och kommunen behöver en gemensam kontaktväg för planeringar inför frigivning.",
            CaseOutcome.RaisedAcrossForbund,
            "Planering inför frigivning nådde inte kommunen.",
            "Frågan har lyfts till det nationella nätverket för samordningsförbund tillsammans med Kriminalvården.",
            OtherActor: "Kriminalvården"),
        new(CaseKind.Overlamning, "Överlämning och remiss", [DemoParty.Region, DemoParty.Af],
            "Rehabiliteringskoordinatorn på vårdcentralen skickade en överlämning till Arbetsförmedlingen inför återgång i arbete. Arbetsförmedlingen bad om ett nytt underlag på sin egen blankett.",
            "Återgången i arbete sköts upp tre veckor i väntan på det nya underlaget.",
            null,
            CaseOutcome.SolvedLocally,
            "En överlämning från vården godtogs inte eftersom den inte var skriven på mottagarens blankett.",
            "Arbetsförmedlingen godtar nu vårdens underlag när det innehåller samma uppgifter.",
            Handover: (DemoParty.Region, DemoParty.Af, 21, true)),
        new(CaseKind.Avvikelse, "Ekonomiskt stöd", [DemoParty.Fk],
            "Beslutet om bostadsbidrag dröjde eftersom inkomsten från arbetsträningen inte kunde beräknas i förväg. Försäkringskassan bad om nya uppgifter varje månad.",
            "Personen fick flera återkrav och valde att avsluta arbetsträningen.",
            "En förenklad uppskattning av inkomsten för deltagare i förbundets insatser.",
            CaseOutcome.RaisedToBoard,
            "Varierande inkomst från arbetsträning gav återkrav på bostadsbidrag.",
            "Styrelsen har lyft frågan till Försäkringskassans regionala ledning. Insatserna informerar deltagarna om risken för återkrav."),
    ];

    public static readonly (string Question, string Answer)[] Questions =
    [
        ("Vilken enhet hos mottagaren skickades remissen till, och på vilket sätt skickades den?",
         "Den skickades med internpost till enheten som står på remissblanketten. Vi fick ingen kvittens."),
        ("Hur länge väntade personen innan någon hörde av sig?",
         "Ungefär sex veckor. Under tiden fick personen inget besked från någon av parterna."),
        ("Har ärendet tagits upp med närmaste chef hos någon av parterna?",
         "Ja, med min egen chef, men inte med den andra partens chef."),
        ("Vilken insats gällde det, och i vilket skede var personen?",
         "Det gällde arbetsträningen i förbundets insats. Personen hade just avslutat kartläggningen."),
        ("Finns det fler liknande fall som du känner till?",
         "Ja, minst två till under våren, på samma sätt."),
    ];

    public static readonly string[] PartyAnswers =
    [
        "Vi har gått igenom hur ärendet hanterades och ser att rutinen inte följdes. Rutinen har förtydligats och tagits upp på en arbetsplatsträff.",
        "Vi delar bilden i ärendet. Vi har utsett en kontaktperson för förbundets insatser och följer upp frågan i den lokala samverkansgruppen.",
        "Det som hände stämmer med vår bild. Vi ser över regeltillämpningen tillsammans med de andra parterna och återkommer till BUG.",
        "Vi har ändrat arbetssättet så att mottagande enhet alltid kvitterar. Vi föreslår att rutinen följs upp om ett halvår.",
    ];

    public static readonly string[] Rejections =
    [
        "Rapporten gäller ett enskilt beslut och inte en brist i samverkan mellan parterna.",
        "Händelsen rör en enskild verksamhets interna arbetssätt och ingen annan part är inblandad.",
    ];

    public const string WhereToTurn = "Ett beslut i ett enskilt ärende kan överklagas hos den myndighet som fattade det. Ta gärna kontakt med kansliet om du är osäker.";

    public const string Postponed = "Parterna behöver mer tid att ta fram underlag. Ärendet tas upp igen på nästa möte.";

    public const string ResumedNote = "Rapportören har svarat muntligt vid ett samverkansmöte. Granskningen fortsätter.";

    public const string ReferralClosed = "Parten har meddelat att något skriftligt svar inte kommer. Ärendet går vidare med de svar som finns.";

    public const string OtherBusiness = "Kansliet informerade om att sammanställningen för tertialet är klar och finns i Lex Heller.";

    public const string MeetingPlace = "Förbundets kansli, stora mötesrummet";

    public const string InformationTitle = "Information om förbundets insatser under året";

    public const string SystemicTitle = "Överlämningar mellan kommun och Arbetsförmedlingen tappas bort";
    public const string SystemicDescription =
        "Flera ärenden visar att remisser och överlämningar från kommunens arbetsmarknadsenhet inte når Arbetsförmedlingen, " +
        "eller når fram utan att någon kvitterar dem. Personen blir stående utan insats medan båda parter tror att den andra har ansvaret.";
    public const string SystemicNote = "Parterna har gått igenom ärendena på BUG och är överens om att rutinen brister.";
    public const string MeasureDone = "Gemensam kvittens: den mottagande parten bekräftar varje överlämning inom två arbetsdagar.";
    public const string MeasureDoneNote = "Rutinen är införd hos båda parter.";
    public const string MeasureComing = "Uppföljning av kvittensrutinen på nästa BUG-möte, med statistik från båda parter.";
    public const string ToReporters = "Ditt ärende har bidragit till att parterna inför en gemensam kvittens på överlämningar.";

    public const string InformationText = "Kansliet berättar om hur insatserna har utvecklats och om de avvikelser som har kommit in sedan förra mötet.";
}
