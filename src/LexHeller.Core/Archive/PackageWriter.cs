using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace LexHeller.Core.Archive;

/// <summary>The schema files every archive package carries in its <c>schemas/</c> folder, embedded in this assembly.</summary>
public static class ArchiveSchemas
{
    public static readonly IReadOnlyList<string> Files =
        ["mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd", "premis.xsd", "lexheller-arende.xsd"];

    public static byte[] Read(string name)
    {
        using var stream = typeof(ArchiveSchemas).Assembly.GetManifestResourceStream($"LexHeller.Core.Archive.Schemas.{name}")
            ?? throw new InvalidOperationException($"The schema {name} is not embedded in LexHeller.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// Writes an E-ARK CSIP/SIP information package into a ZIP: every file under one root folder named after the
/// package's OBJID, each one's size and SHA-256 noted as it is written, and finally the root <c>METS.xml</c> that
/// names them all (fileSec for content and schemas, dmdSec/amdSec for the descriptive and PREMIS metadata).
/// </summary>
/// <remarks>
/// The layout follows CSIP's folder rules (CSIPSTR): <c>METS.xml</c>, <c>metadata/descriptive</c>,
/// <c>metadata/preservation</c>, <c>representations/rep1/data</c> and <c>schemas</c>. One representation, described in
/// the root METS (CSIP allows leaving out a representation METS when the package has a single representation).
/// </remarks>
internal sealed class PackageWriter(ZipArchive zip, string objId, DateTimeOffset created)
{
    public static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    public static readonly XNamespace Csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    public static readonly XNamespace Sip = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Premis = "http://www.loc.gov/premis/v3";

    public const string Software = "Lex Heller";
    public const string DataGroup = "Representations/rep1/Data";
    public const string SchemaGroup = "Schemas";
    public const string DescriptiveFile = "metadata/descriptive/arkivpaket.xml";
    public const string PremisFile = "metadata/preservation/premis.xml";


    /// <summary>One file in the package: its path below the root folder and what METS and PREMIS say of it.</summary>
    public sealed record Entry(string Path, string Group, string MimeType, string FormatName, string? FormatVersion, long Size, string Sha256);

    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries => _entries;

    public string ObjId => objId;

    public void Add(string path, string group, string mimeType, string formatName, string? formatVersion, byte[] content)
    {
        var entry = zip.CreateEntry($"{objId}/{path}", CompressionLevel.Optimal);
        entry.LastWriteTime = created;
        using (var stream = entry.Open()) stream.Write(content);
        _entries.Add(new Entry(path, group, mimeType, formatName, formatVersion, content.LongLength, Hex(SHA256.HashData(content))));
    }

    public void AddSchemas()
    {
        foreach (var name in ArchiveSchemas.Files)
            Add($"schemas/{name}", SchemaGroup, "application/xml", "XML Schema", "1.0", ArchiveSchemas.Read(name));
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>PREMIS 3: one object per content and schema file with its SHA-256 and format, one creation event, the agents.</summary>
    public byte[] PremisXml(string forbundName)
    {
        XElement Id(string kind, string type, string value) =>
            new(Premis + kind, new XElement(Premis + $"{kind}Type", type), new XElement(Premis + $"{kind}Value", value));
        var files = _entries.Where(e => e.Path != DescriptiveFile).ToList();
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Premis + "premis", new XAttribute("version", "3.0"),
                new XAttribute(XNamespace.Xmlns + "premis", Premis.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                new XAttribute(Xsi + "schemaLocation", $"{Premis.NamespaceName} ../../schemas/premis.xsd"),
                files.Select(f => new XElement(Premis + "object", new XAttribute(Xsi + "type", "premis:file"),
                    Id("objectIdentifier", "local", f.Path),
                    new XElement(Premis + "objectCharacteristics",
                        new XElement(Premis + "compositionLevel", "0"),
                        new XElement(Premis + "fixity",
                            new XElement(Premis + "messageDigestAlgorithm", "SHA-256"),
                            new XElement(Premis + "messageDigest", f.Sha256),
                            new XElement(Premis + "messageDigestOriginator", Software)),
                        new XElement(Premis + "size", f.Size),
                        new XElement(Premis + "format",
                            new XElement(Premis + "formatDesignation",
                                new XElement(Premis + "formatName", f.FormatName),
                                f.FormatVersion is null ? null : new XElement(Premis + "formatVersion", f.FormatVersion)))),
                    new XElement(Premis + "originalName", System.IO.Path.GetFileName(f.Path)),
                    new XElement(Premis + "linkingEventIdentifier",
                        new XElement(Premis + "linkingEventIdentifierType", "local"),
                        new XElement(Premis + "linkingEventIdentifierValue", "event-creation")))),
                new XElement(Premis + "event",
                    Id("eventIdentifier", "local", "event-creation"),
                    new XElement(Premis + "eventType", "creation"),
                    new XElement(Premis + "eventDateTime", ArchiveCaseRecord.Time(created)),
                    new XElement(Premis + "eventDetailInformation",
                        new XElement(Premis + "eventDetail", $"Arkivpaketet skapades av {Software} för {forbundName}.")),
                    new XElement(Premis + "eventOutcomeInformation", new XElement(Premis + "eventOutcome", "success")),
                    Link("linkingAgentIdentifier", "agent-software", "executing program"),
                    Link("linkingAgentIdentifier", "agent-forbund", "authorizer")),
                new XElement(Premis + "agent",
                    Id("agentIdentifier", "local", "agent-software"),
                    new XElement(Premis + "agentName", Software),
                    new XElement(Premis + "agentType", "software"),
                    new XElement(Premis + "agentVersion", Version)),
                new XElement(Premis + "agent",
                    Id("agentIdentifier", "local", "agent-forbund"),
                    new XElement(Premis + "agentName", forbundName),
                    new XElement(Premis + "agentType", "organization"))));
        return ArchiveXml.Bytes(document);

        XElement Link(string kind, string value, string role) => new(Premis + kind,
            new XElement(Premis + $"{kind}Type", "local"), new XElement(Premis + $"{kind}Value", value), new XElement(Premis + "linkingAgentRole", role));
    }

    public static string Version =>
        typeof(PackageWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";

    /// <summary>The root METS: the E-ARK SIP profile, the creating software and the förbund, every file with its checksum.</summary>
    public byte[] MetsXml(string label, string forbundName)
    {
        string Id(string path) => "ID-" + new string(path.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' ? ch : '_').ToArray());
        var descriptive = _entries.Single(e => e.Path == DescriptiveFile);
        var premis = _entries.Single(e => e.Path == PremisFile);
        var groups = _entries.Where(e => e.Group is DataGroup or SchemaGroup).GroupBy(e => e.Group).ToList();
        var mets = new XElement(Mets + "mets",
            new XAttribute(XNamespace.Xmlns + "mets", Mets.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "csip", Csip.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "sip", Sip.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xlink", XLink.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XAttribute(Xsi + "schemaLocation",
                $"{Mets.NamespaceName} schemas/mets.xsd {XLink.NamespaceName} schemas/xlink.xsd " +
                $"{Csip.NamespaceName} schemas/DILCISExtensionMETS.xsd {Sip.NamespaceName} schemas/DILCISExtensionSIPMETS.xsd"),
            new XAttribute("OBJID", objId),
            new XAttribute("LABEL", label),
            new XAttribute("TYPE", "Mixed"),
            new XAttribute(Csip + "CONTENTINFORMATIONTYPE", "OTHER"),
            new XAttribute(Csip + "OTHERCONTENTINFORMATIONTYPE", "Lex Heller ärendeakter (urn:lexheller:arende:1)"),
            new XAttribute("PROFILE", "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"),
            new XElement(Mets + "metsHdr",
                new XAttribute("CREATEDATE", ArchiveCaseRecord.Time(created)),
                new XAttribute("RECORDSTATUS", "NEW"),
                new XAttribute(Csip + "OAISPACKAGETYPE", "SIP"),
                new XElement(Mets + "agent", new XAttribute("ROLE", "CREATOR"), new XAttribute("TYPE", "OTHER"), new XAttribute("OTHERTYPE", "SOFTWARE"),
                    new XElement(Mets + "name", Software),
                    new XElement(Mets + "note", new XAttribute(Csip + "NOTETYPE", "SOFTWARE VERSION"), Version)),
                new XElement(Mets + "agent", new XAttribute("ROLE", "ARCHIVIST"), new XAttribute("TYPE", "ORGANIZATION"),
                    new XElement(Mets + "name", forbundName))),
            new XElement(Mets + "dmdSec", new XAttribute("ID", "dmd-arkivpaket"), new XAttribute("CREATED", ArchiveCaseRecord.Time(created)),
                new XAttribute("STATUS", "CURRENT"), MdRef(descriptive, "OTHER", "Lex Heller arkivpaket")),
            new XElement(Mets + "amdSec",
                new XElement(Mets + "digiprovMD", new XAttribute("ID", "digiprov-premis"), new XAttribute("STATUS", "CURRENT"),
                    MdRef(premis, "PREMIS", null))),
            new XElement(Mets + "fileSec", new XAttribute("ID", "filesec"),
                groups.Select(g => new XElement(Mets + "fileGrp", new XAttribute("ID", Id("grp-" + g.Key)), new XAttribute("USE", g.Key),
                    g.Select(f => new XElement(Mets + "file",
                        new XAttribute("ID", Id(f.Path)),
                        new XAttribute("MIMETYPE", f.MimeType),
                        new XAttribute("SIZE", f.Size),
                        new XAttribute("CREATED", ArchiveCaseRecord.Time(created)),
                        new XAttribute("CHECKSUM", f.Sha256),
                        new XAttribute("CHECKSUMTYPE", "SHA-256"),
                        new XAttribute(Sip + "FILEFORMATNAME", f.FormatName),
                        f.FormatVersion is null ? null : new XAttribute(Sip + "FILEFORMATVERSION", f.FormatVersion),
                        new XElement(Mets + "FLocat", new XAttribute("LOCTYPE", "URL"), new XAttribute(XLink + "type", "simple"),
                            new XAttribute(XLink + "href", f.Path))))))),
            new XElement(Mets + "structMap", new XAttribute("ID", "structmap-csip"), new XAttribute("TYPE", "PHYSICAL"), new XAttribute("LABEL", "CSIP"),
                new XElement(Mets + "div", new XAttribute("ID", "div-root"), new XAttribute("LABEL", objId),
                    new XElement(Mets + "div", new XAttribute("ID", "div-metadata"), new XAttribute("LABEL", "Metadata"),
                        new XAttribute("DMDID", "dmd-arkivpaket"), new XAttribute("ADMID", "digiprov-premis")),
                    groups.Select(g => new XElement(Mets + "div",
                        new XAttribute("ID", Id("div-" + g.Key)),
                        new XAttribute("LABEL", g.Key == DataGroup ? "Representations/rep1" : g.Key),
                        new XElement(Mets + "fptr", new XAttribute("FILEID", Id("grp-" + g.Key))))))));
        return ArchiveXml.Bytes(new XDocument(new XDeclaration("1.0", "utf-8", null), mets));

        XElement MdRef(Entry e, string type, string? otherType) => new(Mets + "mdRef",
            new XAttribute("LOCTYPE", "URL"), new XAttribute(XLink + "type", "simple"), new XAttribute(XLink + "href", e.Path),
            new XAttribute("MDTYPE", type), otherType is null ? null : new XAttribute("OTHERMDTYPE", otherType),
            new XAttribute("MIMETYPE", e.MimeType), new XAttribute("SIZE", e.Size), new XAttribute("CREATED", ArchiveCaseRecord.Time(created)),
            new XAttribute("CHECKSUM", e.Sha256), new XAttribute("CHECKSUMTYPE", "SHA-256"));
    }

    /// <summary>Writes <c>METS.xml</c> last, once every other file is in.</summary>
    public void Close(string label, string forbundName)
    {
        var entry = zip.CreateEntry($"{objId}/METS.xml", CompressionLevel.Optimal);
        entry.LastWriteTime = created;
        using var stream = entry.Open();
        stream.Write(MetsXml(label, forbundName));
    }
}
