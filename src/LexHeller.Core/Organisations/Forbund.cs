namespace LexHeller.Core.Organisations;

/// <summary>A samordningsförbund: the unit that owns cases, users and settings.</summary>
public class Forbund
{
    private readonly List<ForbundMember> _members = [];

    private Forbund() { }

    public Forbund(string name, string code)
    {
        Name = name;
        Code = code.ToUpperInvariant();
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Short code used in reference numbers, e.g. INS.</summary>
    public string Code { get; private set; } = "";

    public IReadOnlyCollection<ForbundMember> Members => _members;

    /// <summary>When, Stockholm time, the daily digest goes to those who chose one.</summary>
    public TimeOnly DigestTime { get; private set; } = DefaultDigestTime;

    public static readonly TimeOnly DefaultDigestTime = new(7, 0);

    public void SetDigestTime(TimeOnly time) => DigestTime = time;

    /// <summary>Counts from 1 to this minus one are shown as "&lt;T" to everyone but the kansli.</summary>
    public int SmallCountThreshold { get; private set; } = DefaultSmallCountThreshold;

    public const int DefaultSmallCountThreshold = 3;

    /// <summary>Whether the förbund takes part in the joint compilations across förbund.</summary>
    public bool SharesCompilations { get; private set; }

    public void SetSmallCountThreshold(int threshold) => SmallCountThreshold = threshold;

    /// <summary>How many days before a BUG meeting its agenda closes (at midnight, Stockholm).</summary>
    public int AgendaCutoffDays { get; private set; } = DefaultAgendaCutoffDays;

    public const int DefaultAgendaCutoffDays = 14;

    /// <summary>The least number of days a party is given to answer a referral.</summary>
    public int ResponseDays { get; private set; } = DefaultResponseDays;

    public const int DefaultResponseDays = 21;

    /// <summary>A shared kansli mailbox that gets every mail the kansli members get (optional).</summary>
    public string? KansliEmail { get; private set; }

    public void SetAgendaCutoffDays(int days) => AgendaCutoffDays = days;

    public void SetResponseDays(int days) => ResponseDays = days;

    public void SetKansliEmail(string? email) => KansliEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void ShareCompilations(bool share) => SharesCompilations = share;

    /// <summary>
    /// Whether the förbund takes part in the joint register of systemfel: its systemfel (never a case's text, never a
    /// reporter) are read by every förbund that takes part, and their kansli may link their own cases to them.
    /// </summary>
    public bool SharesSystemicProblems { get; private set; }

    public void ShareSystemicProblems(bool share) => SharesSystemicProblems = share;

    /// <summary>Whether the förbund's people may still log in with a password beside its identity providers.</summary>
    public bool PasswordLoginAllowed { get; private set; } = true;

    public void AllowPasswordLogin(bool allowed) => PasswordLoginAllowed = allowed;

    /// <summary>
    /// Whether the kansli publishes open data: the published answers and the annual figures (small counts withheld)
    /// under <c>/api/v1/oppna-data/{code}</c>, read by anyone without a key.
    /// </summary>
    public bool PublishesOpenData { get; private set; }

    /// <summary>The licence the open data are published under: an id of <see cref="OpenDataLicence.All"/>.</summary>
    public string OpenDataLicenceId { get; private set; } = OpenDataLicence.Default.Id;

    public void PublishOpenData(bool publish, string licenceId)
    {
        if (OpenDataLicence.Find(licenceId) is null) throw new ArgumentException($"Unknown licence {licenceId}.", nameof(licenceId));
        PublishesOpenData = publish;
        OpenDataLicenceId = licenceId;
    }

    public void AddMember(Organisation organisation)
    {
        if (_members.Any(m => m.OrganisationId == organisation.Id && organisation.Id != 0)) return;
        _members.Add(new ForbundMember(this, organisation));
    }

    /// <summary>Drops an organisation from the förbund; whether it may leave is the caller's check (users and referrals).</summary>
    public void RemoveMember(int organisationId) => _members.RemoveAll(m => m.OrganisationId == organisationId);

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A förbund needs a name.", nameof(name));
        Name = name.Trim();
    }

    /// <summary>Two to six letters A–Z: the code goes into reference numbers (LH-INS-2026-0001), so it stays ASCII.</summary>
    public static bool IsValidCode(string? code) =>
        code is { Length: >= 2 and <= 6 } && code.All(ch => ch is >= 'A' and <= 'Z');

    /// <summary>A new code; refuse it once cases carry the old one in their reference numbers.</summary>
    public void ChangeCode(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (!IsValidCode(code)) throw new ArgumentException("A code is two to six letters A–Z.", nameof(code));
        Code = code;
    }
}

/// <summary>An organisation that is a partner (member) of a förbund.</summary>
public class ForbundMember
{
    private ForbundMember() { }

    internal ForbundMember(Forbund forbund, Organisation organisation)
    {
        Forbund = forbund;
        Organisation = organisation;
    }

    public int ForbundId { get; private set; }
    public Forbund Forbund { get; private set; } = null!;
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
}
