namespace LexHeller.Core.Tests.PersonalData;

/// <summary>
/// Person names the guard must flag and names of organisations, places and laws it must let through, each inside
/// a sentence of the kind a reporter writes. Written out by hand so the corpus does not lean on the guard's own lists.
/// </summary>
internal static class NameCorpus
{
    /// <summary>People as reporters name them: first and last name, a double name, a genitive, an unusual first name.</summary>
    public static readonly string[] PersonNames =
    [
        "Anna Svensson", "Erik Johansson", "Maria Andersson", "Lars Nilsson", "Karin Eriksson", "Mikael Larsson",
        "Eva Olsson", "Johan Persson", "Kristina Gustafsson", "Anders Pettersson", "Lena Jonsson", "Per Jansson",
        "Sara Hansson", "Peter Bengtsson", "Emma Jönsson", "Thomas Lindberg", "Ingrid Jakobsson", "Jan Magnusson",
        "Elin Olofsson", "Daniel Lindström", "Hanna Lindqvist", "Fredrik Lindgren", "Linda Berg", "Hans Axelsson",
        "Annika Bergström", "Bengt Lundberg", "Susanne Lind", "Mats Lundgren", "Monica Lundqvist", "Stefan Mattsson",
        "Ulrika Kjellgren", "Nils Zetterlund", "Camilla Rydén", "Magnus Wahlgren", "Åsa Grönvall", "Björn Tegnér",
        "Jonte Svensson", "Ahmed Lindqvist", "Noor Eriksson", "Milad Karlsson", "Zeynep Nilsson", "Aleksandra Holm",
        "Anna-Karin Lind", "Per-Olof Sjöberg", "Eva-Lena Ström", "Karin Lind-Svensson", "Maja Berg-Nilsson", "Lars-Göran Åberg",
        "Anna Maria Svensson", "Karl Johan Lindqvist", "Sofia Isaksson", "Oskar Wallin", "Elsa Engström", "Hugo Eklund",
        "Agnes Danielsson", "Ludvig Håkansson", "Freja Björk", "Arvid Bergman", "Astrid Gunnarsson", "Viggo Holmberg",
        "Saga Nyström", "Isak Söderberg", "Alva Blomqvist", "Liam Claesson", "Wilma Nordström", "Gabriel Mårtensson",
        "Ida Falk", "Jesper Dahl", "Olivia Hedlund", "Rasmus Sjögren", "Selma Öberg", "Håkan Ekman", "Gunilla Borg",
        "Mohammed Ali", "Fatima Hassan", "Omar Ibrahim", "Amina Ahmed", "Kenneth Nyberg", "Ulla Strand",
    ];

    private static readonly string[] PersonSentences =
    [
        "Handläggaren {0} på Försäkringskassan sa att ärendet skulle ta tre veckor.",
        "Jag pratade med {0} som arbetar på vårdcentralen.",
        "{0} ringde tillbaka först efter två månader.",
        "Beslutet fattades av {0} utan att personen fick träffa någon.",
        "Min kontakt på Arbetsförmedlingen, {0}, hade slutat när jag hörde av mig.",
        "Enligt {0} fanns det ingen plats i insatsen.",
        "Mötet leddes av {0} från kommunen.",
        "Remissen skrevs av läkaren {0} i mars.",
        "Deltagaren hänvisades till {0} på socialtjänsten.",
        "Det var {0} som till slut tog ansvar för samordningen.",
    ];

    /// <summary>Three sentences for every name, over ten kinds of sentence.</summary>
    public static IEnumerable<(string Text, string Name)> PersonSentencesWithNames() =>
        PersonNames.SelectMany((name, i) => Enumerable.Range(0, 3)
            .Select(k => (string.Format(PersonSentences[(i + k * 3) % PersonSentences.Length], name), name)));

    /// <summary>Authorities, regions, clinics, places, streets and laws, some of them named after a person.</summary>
    public static readonly string[] NotPersons =
    [
        // Authorities and public bodies
        "Försäkringskassan", "Arbetsförmedlingen", "Arbetsförmedlingen i Göteborg", "Socialtjänsten i Luleå", "Migrationsverket",
        "Skatteverket", "Kronofogden", "Socialstyrelsen", "Inspektionen för vård och omsorg", "Inspektionen för socialförsäkringen",
        "Länsstyrelsen i Norrbotten", "Polisen i Region Syd", "Kriminalvården", "Statens institutionsstyrelse", "Pensionsmyndigheten",
        "Centrala studiestödsnämnden", "Riksdagens ombudsmän", "Justitieombudsmannen", "Diskrimineringsombudsmannen",
        "Myndigheten för delaktighet", "Folkhälsomyndigheten", "Skolverket", "Specialpedagogiska skolmyndigheten",
        "Nationella rådet för finansiell samordning", "Samordningsförbundet Södra Norrbotten", "Samordningsförbundet Göteborg Nordost",
        "Samordningsförbundet Mölndal", "Finsam Östra Skaraborg", "Sveriges Kommuner och Regioner", "Regeringskansliet",
        // Regions and municipalities
        "Region Stockholm", "Region Skåne", "Region Norrbotten", "Region Halland", "Region Gotland", "Region Västerbotten",
        "Region Jämtland Härjedalen", "Västra Götalandsregionen", "Region Östergötland", "Region Uppsala",
        "Luleå kommun", "Piteå kommun", "Bodens kommun", "Mölndals stad", "Göteborgs Stad", "Malmö stad", "Stockholms stad",
        "Lunds kommun", "Bergs kommun", "Kungsbacka kommun", "Upplands Väsby kommun", "Sollentuna kommun",
        // Places
        "Från Lund kom beskedet", "I Berg finns ingen vårdcentral", "Nacka Strand", "Malmö Lund och Helsingborg",
        "Västra Frölunda", "Gamla Stan", "Norra Djurgården", "Södra Hisingen", "Östra Göinge", "Stora Essingen",
        "Lilla Edet", "Upplands Väsby", "Sankt Göran", "Sankt Olof", "Sankt Petri", "S:t Eriks", "Kalix centrum",
        "Skellefteå Campus", "Umeå Östra station", "Kungsholmen", "Södermalm", "Hisingen", "Angered", "Rinkeby",
        // Hospitals and clinics
        "Karolinska sjukhuset", "Karolinska Universitetssjukhuset", "Sahlgrenska universitetssjukhuset", "Akademiska sjukhuset",
        "Sunderby sjukhus", "Danderyds sjukhus", "Södersjukhuset", "Sankt Görans sjukhus", "S:t Eriks ögonsjukhus",
        "Astrid Lindgrens barnsjukhus", "Drottning Silvias barnsjukhus", "Maria Ungdom", "Maria Beroende", "Ersta sjukhus",
        "Sophiahemmet", "Capio Sankt Göran", "Vårdcentralen Kronan", "Vårdcentralen Hertsön", "Psykiatrin Södra Stockholm",
        "Beroendecentrum Stockholm", "Habiliteringen i Region Skåne", "BUP Malmö", "Ungdomsmottagningen Luleå",
        // Schools and universities
        "Luleå tekniska universitet", "Lunds universitet", "Göteborgs universitet", "Mälardalens universitet",
        "Linnéuniversitetet", "Karolinska Institutet", "Sankt Görans gymnasium", "Hvitfeldtska gymnasiet",
        "Anna Whitlocks gymnasium", "Katedralskolan i Lund", "Ersta Sköndal Bräcke högskola", "Folkuniversitetet",
        // Streets and squares named after people
        "Anna Lindhs plats", "Olof Palmes gata", "Olof Palmes plats", "Gustav Adolfs torg", "Karl Johans torg",
        "Erik Dahlbergsgatan", "Vera Sandbergs allé", "Per Albins väg", "Hedvig Eleonora församling", "Gustav Vasa kyrka",
        "Maria Magdalena kyrka", "Carl Larsson-gården", "Kristina Nilssons gata", "Anders Personsgatan", "Johan Skyttes väg",
        "Sven Hedins gata", "Selma Lagerlöfs torg", "Astrid Lindgrens Värld", "Eric Ericsonhallen", "Lars Kaggsgatan",
        // Organisations and companies
        "Svenska kyrkan", "Röda Korset", "Rädda Barnen", "Stockholms Stadsmission", "Göteborgs Räddningsmission",
        "Hela Människan", "Frälsningsarmén", "Riksförbundet FUB", "Autism- och Aspergerförbundet", "Attention",
        "Hjärnfonden", "Clas Ohlson", "Max Hamburgerrestauranger", "Samhall", "Misa", "Coompanion", "Ica Maxi",
        "Coop Forum", "Folksam", "Länsförsäkringar", "Kommunal", "Vision", "Fackförbundet ST", "Unionen",
        "Unga Örnar", "Studieförbundet Vuxenskolan", "ABF Norrbotten", "Stiftelsen Activa", "Arbetsmarknadsenheten",
        "Jobbtorg Stockholm", "Navigatorcentrum", "ACTivera Mölndal", "Pilen", "Vägen Ut kooperativen", "Krami",
        // Laws and rules
        "Socialtjänstlagen", "Socialförsäkringsbalken", "Lex Sarah", "Lex Maria", "Förvaltningslagen",
        "Offentlighets- och sekretesslagen", "Hälso- och sjukvårdslagen", "Patientdatalagen", "Patientsäkerhetslagen",
        "Lagen om stöd och service till vissa funktionshindrade", "Lagen om finansiell samordning av rehabiliteringsinsatser",
        "Dataskyddsförordningen", "Arbetsmiljölagen", "Diskrimineringslagen", "Skollagen", "Kommunallagen",
        "Föräldrabalken", "Brottsbalken", "Lagen om valfrihetssystem", "Plan- och bygglagen", "Lagen om vård av unga",
        "Lagen om vård av missbrukare i vissa fall", "Förordningen om särskilda insatser för personer med funktionsnedsättning",
        "Lag om samverkan vid utskrivning från sluten hälso- och sjukvård", "Socialförsäkringsbalken 27 kap.",
        "Regeringsformen", "Europakonventionen", "Barnkonventionen", "FN:s konvention om rättigheter för personer med funktionsnedsättning",
        "Arbetsförmedlingens instruktion", "Försäkringskassans vägledning", "Socialstyrelsens föreskrifter",
        // Programmes and activities
        "Individuell placering och stöd", "Jobbspår Norrbotten", "Steget Vidare", "Framsteget", "Kraftsamling Boden",
        "Kompetenscentrum Piteå", "Projekt Unga In", "Insatsen Lyftet", "Nya Vägar", "Arbetsträning Hertsön",
    ];

    private static readonly string[] PlaceSentences =
    [
        "Ärendet gällde {0} och samverkan med kommunen.",
        "{0} svarade inte på remissen inom den tid som gällde.",
        "Personen hänvisades vidare med stöd av {0}.",
        "Det fanns ingen plats hos {0} förrän efter sommaren.",
        "Vi fick beskedet att {0} inte var ansvarig.",
    ];

    public static IEnumerable<(string Text, string Phrase)> NotPersonSentences() =>
        NotPersons.Select((phrase, i) => (string.Format(PlaceSentences[i % PlaceSentences.Length], phrase), phrase));
}
