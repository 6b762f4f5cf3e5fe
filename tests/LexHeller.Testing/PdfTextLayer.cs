using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LexHeller.Testing;

/// <summary>
/// A PDF's text layer as a person's PDF reader would copy it out, through poppler's pdftotext (tests/run.sh installs
/// poppler-utils). Whitespace is folded to single spaces, so a passage that wraps over two lines is still one string.
/// </summary>
public static class PdfTextLayer
{
    public static string Of(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"pdftotext failed: {error}");
            return Regex.Replace(output, @"\s+", " ");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
