using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LexHeller.Core.Archive;

internal static class ArchiveXml
{
    /// <summary>UTF-8 without a byte-order mark, indented, with the declaration: what archive tools expect.</summary>
    public static byte[] Bytes(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return stream.ToArray();
    }
}
