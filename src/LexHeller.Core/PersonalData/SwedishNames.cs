namespace LexHeller.Core.PersonalData;

/// <summary>
/// The most common Swedish first names (women's and men's) and surnames, compiled by hand from the name
/// frequencies Statistics Sweden publishes, plus the words and phrases the name guard knows are not persons.
/// Shipped in the assembly: nothing is fetched at run time. First names that are everyday words written with a
/// capital letter in ordinary Swedish (such as "Maj", "Liv" and "Dag") are left out on purpose.
/// </summary>
internal static class SwedishNames
{
    public static readonly FrozenNameSet FirstNames = new(
    [
        // Women
        "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Kerstin", "Ingrid",
        "Marie", "Malin", "Jenny", "Hanna", "Birgitta", "Inger", "Linda", "Elin", "Annika", "Susanne",
        "Monica", "Johanna", "Margareta", "Elisabeth", "Carina", "Ulla", "Helena", "Sofia", "Camilla", "Ida",
        "Julia", "Emelie", "Ulrika", "Åsa", "Gunilla", "Anette", "Therese", "Elsa", "Ebba", "Maja",
        "Alice", "Wilma", "Ella", "Olivia", "Astrid", "Agnes", "Freja", "Alva", "Saga", "Clara",
        "Klara", "Ellen", "Lisa", "Frida", "Matilda", "Amanda", "Josefin", "Louise", "Caroline", "Jessica",
        "Sandra", "Cecilia", "Victoria", "Viktoria", "Charlotte", "Petra", "Pia", "Ann", "Anneli", "Agneta",
        "Barbro", "Britt", "Gun", "Yvonne", "Marianne", "Katarina", "Catarina", "Lina", "Moa", "Stina",
        "Emilia", "Felicia", "Linnea", "Linnéa", "Nora", "Stella", "Selma", "Tilda", "Ines", "Vera",
        "Ester", "Signe", "Siv", "Gunnel", "Solveig", "Irene", "Margit", "Elsie", "Gerd", "Majken",
        "Fatima", "Amina", "Sofie", "Mikaela", "Michaela", "Jennifer", "Rebecka", "Tove", "Hedvig", "Sigrid",
        "Anna-Karin", "Ann-Sofie", "Ann-Christin", "Ann-Marie", "Eva-Lena", "Karin-Anna", "Mia", "Nina", "Tina", "Ylva",
        "Marita", "Madeleine", "Emilie", "Isabelle", "Isabella", "Lovisa", "Filippa", "Thea", "Elvira", "Ronja",
        // Men
        "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Thomas", "Jan",
        "Daniel", "Fredrik", "Hans", "Bengt", "Mats", "Stefan", "Nils", "Marcus", "Magnus", "Andreas",
        "Mattias", "Bo", "Jonas", "Sven", "Göran", "Ulf", "Björn", "Martin", "Alexander", "Niklas",
        "Christer", "Tommy", "Håkan", "Leif", "Kjell", "Olof", "Gustav", "Gustaf", "David", "Henrik",
        "Patrik", "Joakim", "Oskar", "Oscar", "Emil", "Viktor", "Victor", "Robert", "Kent", "Rolf",
        "Roger", "Lennart", "Gunnar", "Åke", "Sebastian", "Simon", "Christian", "Kristian", "Jesper", "Tobias",
        "Johannes", "Axel", "William", "Hugo", "Lucas", "Liam", "Noah", "Elias", "Oliver", "Adam",
        "Filip", "Isak", "Ludvig", "Viggo", "Arvid", "Leo", "Alfred", "Vincent", "Theo", "Melvin",
        "Anton", "Albin", "Linus", "Rasmus", "Jakob", "Jacob", "Gabriel", "Samuel", "Benjamin", "Josef",
        "Kenneth", "Claes", "Klas", "Bertil", "Ingvar", "Rune", "Sten", "Stig", "Lage", "Torbjörn",
        "Jörgen", "Jonny", "Dan", "Ola", "Pär", "Tomas", "Ove", "Arne", "Roland", "Kurt",
        "Mohammed", "Mohammad", "Muhammad", "Ali", "Ahmed", "Hassan", "Omar", "Ibrahim", "Yusuf", "Mustafa",
        "Jimmy", "Robin", "Dennis", "Kevin", "Richard", "Hampus", "Ture", "Egon", "Folke", "Evert",
        "Jan-Erik", "Per-Olof", "Karl-Johan", "Lars-Göran", "Hans-Erik", "Carl", "Eric", "Olle", "Kalle", "Pelle",
    ]);

    public static readonly FrozenNameSet Surnames = new(
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
        "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson",
        "Lindström", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist",
        "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
        "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson",
        "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson",
        "Nordström", "Mårtensson", "Lundström", "Viklund", "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Lund",
        "Nordin", "Ström", "Åberg", "Hermansson", "Ekström", "Holmgren", "Sundberg", "Hedlund", "Dahlberg", "Hellström",
        "Sjögren", "Abrahamsson", "Falk", "Martinsson", "Öberg", "Andreasson", "Blom", "Månsson", "Åkesson", "Strand",
        "Jonasson", "Dahl", "Hedberg", "Sundström", "Ivarsson", "Jensen", "Sjöström", "Lindholm", "Nordqvist", "Ottosson",
        "Lindahl", "Hedström", "Åström", "Ekman", "Holmqvist", "Nyman", "Lundell", "Sundqvist", "Bergkvist", "Borg",
        "Lindblom", "Nordlund", "Ahlberg", "Strömberg", "Ekberg", "Göransson", "Westerberg", "Lindén", "Sundin", "Hägglund",
        "Stenberg", "Lindell", "Norberg", "Nygren", "Englund", "Hult", "Karlström", "Törnqvist", "Forsman", "Granberg",
        "Sundell", "Wiklund", "Ekholm", "Nordberg", "Hansen", "Carlsson", "Petersson", "Jacobsson", "Gustavsson", "Ericsson",
        "Rosén", "Nordgren", "Johnsson", "Adolfsson", "Sjödin", "Edlund", "Boström", "Lundmark", "Marklund", "Öström",
        "Backman", "Lindkvist", "Bäckström", "Hallberg", "Östlund", "Björkman", "Lundholm", "Ek", "Frid", "Sjölund",
        "Mohammed", "Mohamed", "Ahmed", "Hassan", "Hussein", "Omar", "Ibrahim", "Abdi", "Yilmaz", "Nguyen",
    ]);

    /// <summary>
    /// Capitalised words that are never a person's first or last name where they stand next to one: words that open a
    /// sentence and the first word of authorities, regions and places.
    /// </summary>
    public static readonly FrozenNameSet NotPersons = new(
    [
        // Words that open a Swedish sentence
        "Av", "Bland", "Både", "De", "Dem", "Den", "Denna", "Det", "Detta", "Dessa", "Du", "Där", "Då", "Efter", "Eftersom",
        "Eller", "En", "Enligt", "Ett", "Från", "För", "Före", "Genom", "Hade", "Han", "Har", "Hen", "Hon", "Hos", "Här",
        "Inför", "Ingen", "Inom", "Jag", "Kontakt", "Kring", "Med", "Medan", "Mellan", "Men", "Mot", "När", "Nu", "Och", "Om",
        "På", "Sedan", "Som", "Till", "Trots", "Under", "Utan", "Utanför", "Vi", "Vid", "Via", "Var", "Vår", "Våra", "Vårt",
        "Ni", "Att", "Alla", "Inga", "Också", "Även", "Dock", "Så", "Sen", "Samt", "Ur", "Över", "Bakom", "Hela", "Hur",
        "Vem", "Vad", "Vilken", "Vilket", "Varför", "Ja", "Nej", "Tack", "Hej",
        // Authorities, regions and kinds of organisation
        "Region", "Regionen", "Kommun", "Kommunen", "Landsting", "Landstinget", "Länsstyrelsen", "Stad", "Staden",
        "Försäkringskassan", "Arbetsförmedlingen", "Socialtjänsten", "Socialstyrelsen", "Migrationsverket", "Skatteverket",
        "Kronofogden", "Polisen", "Samordningsförbundet", "Vårdcentralen", "Stiftelsen", "Föreningen", "Förbundet",
        "Universitet", "Universitetet", "Högskolan", "Sjukhuset", "Psykiatrin", "Kyrkan", "Församling", "Församlingen",
        "Hotell", "Restaurang", "Café", "Kafé", "Galleria", "Gallerian", "Centrum", "Station", "Stationen",
        "Svenska", "Nya", "Gamla", "Norra", "Södra", "Västra", "Östra", "Stora", "Lilla", "Övre", "Nedre",
        // Places that meet a surname in ordinary text ("Nacka Strand", "Malmö Lund")
        "Stockholm", "Göteborg", "Malmö", "Uppsala", "Lund", "Luleå", "Piteå", "Boden", "Umeå", "Mölndal", "Nacka",
        "Västerås", "Örebro", "Linköping", "Norrköping", "Helsingborg", "Jönköping", "Gävle", "Sundsvall", "Karlstad",
        "Borås", "Växjö", "Halmstad", "Kalmar", "Kristianstad", "Skövde", "Trollhättan", "Östersund", "Falun", "Kiruna",
        "Gällivare", "Skellefteå", "Örnsköldsvik", "Härnösand", "Visby", "Eskilstuna", "Södertälje", "Solna", "Täby",
        "Huddinge", "Botkyrka", "Haninge", "Järfälla", "Sollentuna", "Lidingö", "Danderyd", "Norrtälje", "Kungsbacka",
        "Varberg", "Falkenberg", "Ängelholm", "Landskrona", "Trelleborg", "Ystad", "Karlskrona", "Ronneby", "Sandviken",
        "Kramfors", "Arvidsjaur", "Jokkmokk", "Älvsbyn", "Kalix", "Haparanda", "Överkalix", "Övertorneå", "Pajala", "Arjeplog",
        "Norrbotten", "Västerbotten", "Jämtland", "Dalarna", "Skåne", "Halland", "Gotland", "Värmland", "Blekinge", "Småland",
        "Uppland", "Sörmland", "Västergötland", "Östergötland", "Norrland", "Sverige", "Norge", "Finland", "Danmark",
    ]);

    /// <summary>Titles that make the name after them a church, a law or a king ("Sankt Göran", "Lex Maria").</summary>
    public static readonly FrozenNameSet Titles = new(
        ["Sankt", "S:t", "St", "Lex", "Kung", "Konung", "Drottning", "Prins", "Prinsessan", "Kronprinsessan"]);

    /// <summary>
    /// Lower-case words after a name that make it the name of a place or an institution ("Anna Lindhs plats",
    /// "Astrid Lindgrens barnsjukhus"); a word that ends in one of them counts too. Words a person owns or does
    /// ("hem", "gård", "pris") are left out: "Anna Svenssons hem" is about Anna Svensson.
    /// </summary>
    public static readonly string[] PlaceWords =
    [
        "plats", "platsen", "torg", "torget", "gata", "gatan", "väg", "vägen", "allé", "allén", "park", "parken",
        "backe", "backen", "gränd", "gränden", "kaj", "kajen", "skola", "skolan", "gymnasium", "gymnasiet", "förskola",
        "förskolan", "sjukhus", "sjukhuset", "vårdcentral", "vårdcentralen", "kyrka", "kyrkan", "församling",
        "församlingen", "kapell", "kapellet", "institut", "institutet", "stiftelse", "stiftelsen", "fond", "fonden",
        "museum", "museet", "bibliotek", "biblioteket", "akademi", "akademien",
    ];

    /// <summary>Endings that make one capitalised word after a name a place or a building ("Erik Dahlbergsgatan", "Larsson-gården").</summary>
    public static readonly string[] PlaceEndings =
    [
        .. PlaceWords, "hallen", "arenan", "gården", "hemmet", "huset", "stigen", "bron", "hamnen", "plan",
    ];

    /// <summary>
    /// Words after a name that make it a firm's or an organisation's ("Erik Johansson AB", "Svensson Bygg"). The guard
    /// cannot tell the firm from the person, so it asks the writer to confirm rather than refusing.
    /// </summary>
    public static readonly FrozenNameSet OrganisationWordsAfter = new(
    [
        "AB", "HB", "KB", "Aktiebolag", "Handelsbolag", "Kommanditbolag", "Bygg", "Konsult", "Konsulter", "Consulting",
        "Fastigheter", "Transport", "Åkeri", "Taxi", "Invest", "Group", "Stiftelse", "Förening", "Vård", "Omsorg",
    ]);

    /// <summary>Words before a name that make it an organisation's ("Stiftelsen Anna Ek", "Firma Lars Berg").</summary>
    public static readonly FrozenNameSet OrganisationWordsBefore = new(
        ["Stiftelsen", "Föreningen", "Firma", "Restaurang", "Café", "Hotell", "Bolaget"]);

    /// <summary>Whole phrases made of a first name or a surname that name an organisation, a clinic or a law.</summary>
    public static readonly string[] KnownPhrases =
    [
        "Maria Ungdom", "Maria Beroende", "Clas Ohlson", "Max Hamburgerrestauranger", "Astrid Lindgrens Värld",
        "Gustav Vasa",
    ];
}

/// <summary>A case-insensitive set of names, read in the invariant culture.</summary>
internal sealed class FrozenNameSet(IEnumerable<string> names)
{
    private readonly HashSet<string> _names = new(names, StringComparer.InvariantCultureIgnoreCase);

    public bool Contains(string word) => _names.Contains(word);

    public int Count => _names.Count;
}
