using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;

namespace LexHeller.Core.Identity;

/// <summary>One line of an import file, as written (row is the line number a spreadsheet shows; the header is row 1).</summary>
public sealed record UserImportLine(int Row, string Email, string FullName, string Role, string Organisations, bool Garbled = false);

/// <summary>The lines of an import file, or why the file as a whole cannot be read (then there are no lines).</summary>
public sealed record UserImportFile(IReadOnlyList<UserImportLine> Lines, string? Error);

/// <summary>
/// A person the import file names who already has an account, with their roles in the förbund (role → active).
/// <paramref name="MustAccept"/> when the importer may not give the account a role directly (a kansli, and the account
/// is not in its förbund): the row becomes an offer, and nothing of the account, not even its name, is shown.
/// </summary>
public sealed record UserImportExisting(string Id, string FullName, IReadOnlyDictionary<MembershipRole, bool> Roles, bool MustAccept = false);

/// <summary>What a line is checked against: who imports, into which förbund, its organisations and the accounts that exist.</summary>
public sealed record UserImportContext(
    int ForbundId,
    IReadOnlyCollection<Membership> Grantor,
    IReadOnlyDictionary<string, int> MemberOrganisations,
    IReadOnlyCollection<string> RegisteredOrganisations,
    Func<string, UserImportExisting?> FindByEmail);

/// <summary>A checked line: what it will do, and every problem that stops the import (in Swedish).</summary>
public sealed record UserImportRow(
    UserImportLine Line,
    MembershipRole? Role,
    IReadOnlyList<int> OrganisationIds,
    IReadOnlyList<string> OrganisationNames,
    UserImportExisting? Existing,
    IReadOnlyList<string> Problems,
    string? Note)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Whether the confirmation sends the person a mail: an invitation, or an offer of the role.</summary>
    public bool Invites => IsValid && Existing is not { MustAccept: false };

    /// <summary>What the confirmation will do with the row, as the preview says it.</summary>
    public string Outcome => !IsValid ? "Kan inte importeras"
        : Existing is { MustAccept: false } e ? $"Finns redan som {e.FullName} – får rollen, ingen inbjudan"
        : "Bjuds in";

    /// <summary>The role as understood, else as written.</summary>
    public string RoleText => Role is { } role ? role.DisplayName() : Line.Role;

    /// <summary>The organisations as understood, else as written.</summary>
    public string OrganisationsText => OrganisationNames.Count > 0 ? string.Join(", ", OrganisationNames) : Line.Organisations.Replace("|", ", ");
}

/// <summary>
/// Reads and checks a CSV file of users to invite: UTF-8 (with or without BOM), ';' or ',' between fields as the
/// header line uses, the header e-post;namn;roll;organisation, several organisations separated by '|'.
/// Nothing here touches the database; the page gives the context and creates what the rows say.
/// </summary>
public static class UserImport
{
    public const string HeaderText = "e-post;namn;roll;organisation";
    public const string HeaderMissing = "Filen saknar rubrikraden " + HeaderText + ".";
    public const int MaxBytes = 1_000_000;
    public const int MaxRows = 1_000;
    public const string TooLarge = "Filen är för stor. Den får vara högst 1 MB – dela upp den i flera filer.";

    private static readonly string[] Header = ["e-post", "namn", "roll", "organisation"];
    private static readonly StringComparer Names = Stockholm.IgnoreCase;
    private static readonly EmailAddressAttribute EmailFormat = new();

    /// <summary>The roles an import may give, as they are written in the file.</summary>
    public static IReadOnlyList<MembershipRole> ImportableRoles { get; } =
        [MembershipRole.Rapportor, MembershipRole.BugLedamot, MembershipRole.Styrelse, MembershipRole.Kansli];

    public static UserImportFile Read(byte[] content)
    {
        if (content.Length > MaxBytes) return Failed(TooLarge);
        string text;
        try
        {
            var start = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Failed("Filen är inte sparad som UTF-8. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)” och ladda upp den igen.");
        }

        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ";" : ",";
        var badRows = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = true,
            MissingFieldFound = null,
            HeaderValidated = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = args => badRows.Add(args.Context.Parser?.Row ?? 0),
        };

        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || !IsHeader(csv.HeaderRecord)) return Failed(HeaderMissing);

        var lines = new List<UserImportLine>();
        while (csv.Read())
        {
            var fields = Enumerable.Range(0, Header.Length).Select(i => (csv.GetField(i) ?? "").Trim()).ToArray();
            // Spreadsheets save the empty lines below the data as ";;;".
            if (fields.All(f => f.Length == 0)) continue;
            var row = csv.Parser.Row;
            lines.Add(new UserImportLine(row, fields[0], fields[1], fields[2], fields[3], badRows.Contains(row)));
            if (lines.Count > MaxRows)
                return Failed($"Filen har fler än {MaxRows.ToString("N0", Stockholm.Culture)} användare. Dela upp den i flera filer.");
        }
        if (lines.Count == 0) return Failed("Filen innehåller inga användare under rubrikraden.");
        return new UserImportFile(lines, null);
    }

    /// <summary>Checks every line against the context and against the other lines of the file.</summary>
    public static IReadOnlyList<UserImportRow> Check(IReadOnlyList<UserImportLine> lines, UserImportContext context)
    {
        var rowsByEmail = lines.GroupBy(l => l.Email.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(l => l.Row).ToList(), StringComparer.OrdinalIgnoreCase);
        return lines.Select(line => CheckLine(line, context, rowsByEmail)).ToList();
    }

    private static UserImportRow CheckLine(UserImportLine line, UserImportContext context,
        IReadOnlyDictionary<string, List<int>> rowsByEmail)
    {
        var problems = new List<string>();
        string? note = null;
        if (line.Garbled)
            problems.Add("Raden har citattecken som inte går att tolka. Kontrollera raden i filen.");

        var email = line.Email;
        if (email.Length == 0) problems.Add("E-postadress saknas.");
        else if (!IsEmail(email)) problems.Add($"”{email}” är inte en giltig e-postadress.");
        else if (rowsByEmail.TryGetValue(email, out var same) && same.Count > 1)
            problems.Add($"E-postadressen finns på flera rader i filen (rad {string.Join(", ", same.Where(r => r != line.Row))} också).");

        var existing = problems.Count == 0 ? context.FindByEmail(email) : null;
        // An account the importer must invite is checked as a new person would be, so the preview does not tell it exists.
        if (existing is null or { MustAccept: true })
        {
            if (line.FullName.Length == 0) problems.Add("Namn saknas.");
            else if (line.FullName.Length > 200) problems.Add("Namnet får vara högst 200 tecken.");
            foreach (var hit in PersonalDataGuard.Scan(line.FullName))
                problems.Add($"Namnet innehåller ”{hit.Passage}”, som ser ut som {hit.KindName}. Skriv bara personens namn.");
        }

        var role = ParseRole(line.Role);
        if (line.Role.Length == 0) problems.Add("Roll saknas.");
        else if (role == MembershipRole.Administrator)
            problems.Add("En administratör kan inte bjudas in genom import; bjud in hen på sidan Bjud in användare.");
        else if (role is null)
            problems.Add($"Okänd roll ”{line.Role}”. Skriv {RoleChoices(context)}.");
        else if (GrantRules.WhyNotGrant(context.Grantor, role.Value, context.ForbundId) is { } why)
            problems.Add(why);
        else if (existing is not null && existing.Roles.TryGetValue(role.Value, out var active))
            problems.Add(active
                ? $"{existing.FullName} har redan rollen {role.Value.DisplayName()} i förbundet."
                : $"{existing.FullName} har redan rollen {role.Value.DisplayName()}, men den är inaktiverad. Återaktivera den på användarens sida.");

        var names = line.Organisations.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(Names).ToList();
        var organisationIds = new List<int>();
        var organisationNames = new List<string>();
        if (role is { } r && r.HasOrganisations())
        {
            foreach (var name in names)
            {
                var member = context.MemberOrganisations.FirstOrDefault(m => Names.Equals(m.Key, name));
                if (member.Key is not null)
                {
                    organisationIds.Add(member.Value);
                    organisationNames.Add(member.Key);
                }
                else if (context.RegisteredOrganisations.Contains(name, Names))
                    problems.Add($"Organisationen ”{name}” är inte medlem i förbundet.");
                else
                    problems.Add($"Okänd organisation ”{name}”. Skriv organisationens namn som det står i Lex Heller.");
            }
            if (names.Count == 0)
                problems.Add(r == MembershipRole.Rapportor
                    ? "Organisation saknas. En rapportör företräder en organisation."
                    : "Organisation saknas. En BUG-ledamot företräder minst en organisation; skilj flera åt med |.");
            else if (r == MembershipRole.Rapportor && names.Count > 1)
                problems.Add("En rapportör företräder exakt en organisation.");
        }
        else if (role is { } other && names.Count > 0)
            note = $"Organisationen sparas inte: rollen {other.DisplayName()} företräder ingen organisation.";

        return new UserImportRow(line, role, organisationIds, organisationNames, existing, problems, note);
    }

    /// <summary>A role as a person would write it in the file ("Rapportör", "Rapportor", "BUG-ledamot" ...), or null.</summary>
    public static MembershipRole? ParseRole(string text) => text.Trim().ToLower(Stockholm.Culture) switch
    {
        "rapportör" or "rapportor" => MembershipRole.Rapportor,
        "bug-ledamot" or "bug ledamot" or "bugledamot" => MembershipRole.BugLedamot,
        "styrelse" => MembershipRole.Styrelse,
        "kansli" => MembershipRole.Kansli,
        "administratör" or "administrator" => MembershipRole.Administrator,
        _ => null,
    };

    public static bool IsEmail(string email) =>
        email.Length <= 254 && EmailFormat.IsValid(email) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static string RoleChoices(UserImportContext context)
    {
        var roles = ImportableRoles.Where(r => GrantRules.WhyNotGrant(context.Grantor, r, context.ForbundId) is null)
            .Select(r => r.DisplayName()).ToList();
        return roles.Count <= 1 ? string.Join("", roles) : $"{string.Join(", ", roles[..^1])} eller {roles[^1]}";
    }

    private static bool IsHeader(string[]? header) =>
        header is not null && header.Length >= Header.Length
        && header.Take(Header.Length).Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Header)
        && header.Skip(Header.Length).All(string.IsNullOrWhiteSpace);

    private static UserImportFile Failed(string error) => new([], error);
}
