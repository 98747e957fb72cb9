namespace Judging.Tests.Support;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

/// <summary>
/// The text of a PDF written by PDFsharp (fonts embedded with Identity-H glyph ids, ASCII-only text as WinAnsi literals): the strings shown by Tj/TJ in each
/// page's content, mapped back to characters through the fonts' ToUnicode maps (bfchar and bfrange). Enough to check what a
/// report says; not a general PDF text extractor.
/// </summary>
public static partial class PdfText
{
    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Range();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"(?:<(?<hex>[0-9A-Fa-f\s]*)>|\((?<lit>(?:[^()\\]|\\.)*)\))\s*Tj")]
    private static partial Regex Shown();

    /// <summary>The pages' text, each shown string on its own line.</summary>
    public static string Extract(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var map = new Dictionary<int, string>();
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            foreach (var key in fonts?.Elements.Keys ?? [])
            {
                if (fonts!.Elements.GetDictionary(key)?.Elements.GetDictionary("/ToUnicode") is not { Stream: { } cmap }) continue;
                var body = Encoding.Latin1.GetString(cmap.UnfilteredValue);
                foreach (var section in body.Split("beginbf").Skip(1))
                {
                    var block = section[..section.IndexOf("endbf", StringComparison.Ordinal)];
                    if (block.StartsWith("range", StringComparison.Ordinal))
                        foreach (Match m in Range().Matches(block))
                        {
                            var (from, to, first) = (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value), Hex(m.Groups[3].Value));
                            for (var g = from; g <= to; g++) map[g] = char.ConvertFromUtf32(first + g - from);
                        }
                    else
                        foreach (Match m in Pair().Matches(block)) map[Hex(m.Groups[1].Value)] = Utf16(m.Groups[2].Value);
                }
            }
            var content = Encoding.Latin1.GetString(page.Contents.CreateSingleContent().Stream.UnfilteredValue);
            // A long hex string is broken over lines; PDFsharp shows text of ASCII only through a WinAnsi font, as a literal string.
            foreach (Match m in Shown().Matches(content))
            {
                if (m.Groups["hex"].Success)
                {
                    var hex = Regex.Replace(m.Groups["hex"].Value, @"\s", "");
                    for (var i = 0; i + 4 <= hex.Length; i += 4) text.Append(map.GetValueOrDefault(Hex(hex.Substring(i, 4)), "?"));
                }
                else text.Append(m.Groups["lit"].Value.Replace(@"\(", "(").Replace(@"\)", ")").Replace(@"\\", @"\"));
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex) =>
        Encoding.BigEndianUnicode.GetString(Enumerable.Range(0, hex.Length / 2).Select(i => (byte)Hex(hex.Substring(2 * i, 2))).ToArray());
}
