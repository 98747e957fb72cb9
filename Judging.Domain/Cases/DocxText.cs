namespace Judging.Domain.Cases;

using System.IO.Compression;
using System.Text;
using System.Xml;

/// <summary>
/// Bounds on reading a .docx's main part (issue 10, item 2: a 98 KB file of 63 MB of <c>&lt;w:p/&gt;</c> cost a gigabyte
/// as a document tree). Defaults (<see cref="Default"/>): 64 MiB of XML, 1,000,000 elements, 2,000,000 characters of text
/// (paragraph breaks included), 200,000 characters of preview. A case of the competition (seed 000: a few thousand
/// characters, 图文并茂) uses well under 1 % of each.
/// </summary>
/// <param name="MaxXmlBytes">Largest uncompressed <c>word/document.xml</c>, bytes (declared or actually read).</param>
/// <param name="MaxElements">Most XML elements read before the document is refused.</param>
/// <param name="MaxTextChars">Most characters of text (paragraph breaks included) before the document is refused.</param>
/// <param name="PreviewChars">Longest preview kept, characters; the word count covers all the text.</param>
public sealed record DocxLimits(long MaxXmlBytes, int MaxElements, int MaxTextChars, int PreviewChars)
{
    /// <summary>64 MiB, 1,000,000 elements, 2,000,000 characters, 200,000 preview characters.</summary>
    public static DocxLimits Default { get; } = new(64L * 1024 * 1024, 1_000_000, 2_000_000, 200_000);
}

/// <summary>The text of a .docx: its word count and preview, or the Chinese reason it cannot be read.</summary>
/// <param name="Words">Word count (<see cref="WordCount"/>) of all the text; null when refused.</param>
/// <param name="Preview">The text, paragraphs separated by '\n', at most <see cref="DocxLimits.PreviewChars"/>; null when refused.</param>
/// <param name="Error">zh-CN reason for the unit, or null.</param>
public sealed record DocxTextResult(int? Words, string? Preview, string? Error)
{
    /// <summary>True when the text was read.</summary>
    public bool Ok => Error is null;
}

/// <summary>
/// Reads the text of a .docx's <c>word/document.xml</c> as a stream (an <see cref="XmlReader"/> over the zip entry, never
/// a document tree), within <see cref="DocxLimits"/>, so memory stays flat whatever the part holds:
/// the text is every <c>w:t</c> (text run) inside a <c>w:p</c> (paragraph), paragraphs separated by one '\n' (a paragraph
/// nested in a text box is its own paragraph); the markup-compatibility fallback (<c>mc:Fallback</c>, an older copy of the
/// same content) is skipped. No DTD, no external entity. The word count is taken as the text streams past
/// (<see cref="WordCount.Counter"/>), so only the preview is kept in memory.
/// </summary>
public static class DocxText
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string WStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string Mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    /// <summary>Refusal of a damaged or unreadable package.</summary>
    public const string DamagedMessage = "Word（.docx）文件已损坏，无法读取正文，请重新导出后上传。";

    /// <summary>Refusal of a main part beyond the limits (a "zip bomb" or a malformed export).</summary>
    public const string TooLargeMessage = "Word（.docx）文件的正文结构异常（内容或段落数量远超正常案例），无法读取，请在 Word 中重新另存为 .docx 或 PDF 后上传。";

    /// <summary>
    /// Reads <paramref name="docx"/> (seekable; left open) within <paramref name="limits"/> (default <see cref="DocxLimits.Default"/>).
    /// Never throws for bad content.
    /// </summary>
    public static DocxTextResult Extract(Stream docx, DocxLimits? limits = null)
    {
        limits ??= DocxLimits.Default;
        try
        {
            using var zip = new ZipArchive(docx, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("word/document.xml") is not { } main) return new(null, null, DamagedMessage);
            if (main.Length > limits.MaxXmlBytes) return new(null, null, TooLargeMessage);
            using var part = new BoundedStream(main.Open(), limits.MaxXmlBytes);
            using var xml = XmlReader.Create(part, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 1024, CloseInput = false,
            });
            return Read(xml, limits);
        }
        catch (BoundExceededException)
        {
            return new(null, null, TooLargeMessage);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return new(null, null, DamagedMessage);
        }
    }

    private static DocxTextResult Read(XmlReader xml, DocxLimits limits)
    {
        var words = new WordCount.Counter();
        var preview = new StringBuilder();
        long chars = 0, elements = 0;
        var paragraphs = 0;
        var openParagraphs = 0;
        var textDepth = -1;     // depth of the open w:t, or -1
        var fallbackDepth = -1; // depth of the open mc:Fallback being skipped, or -1

        bool Emit(ReadOnlySpan<char> s)
        {
            chars += s.Length;
            if (chars > limits.MaxTextChars) return false;
            words.Add(s);
            var room = limits.PreviewChars - preview.Length;
            if (room > 0) preview.Append(s.Length <= room ? s : s[..room]);
            return true;
        }

        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    if (++elements > limits.MaxElements) return new(null, null, TooLargeMessage);
                    if (fallbackDepth >= 0) break;
                    if (xml.LocalName == "Fallback" && xml.NamespaceURI == Mc)
                    {
                        if (!xml.IsEmptyElement) fallbackDepth = xml.Depth;
                        break;
                    }
                    if (!IsWord(xml.NamespaceURI)) break;
                    if (xml.LocalName == "p")
                    {
                        // One '\n' between paragraphs; a nested paragraph (a text box) is set apart from its outer one.
                        if (paragraphs++ > 0 && !Emit("\n")) return new(null, null, TooLargeMessage);
                        if (!xml.IsEmptyElement) openParagraphs++;
                    }
                    else if (xml.LocalName == "t" && openParagraphs > 0 && !xml.IsEmptyElement) textDepth = xml.Depth;
                    break;
                case XmlNodeType.EndElement:
                    if (fallbackDepth >= 0)
                    {
                        if (xml.Depth == fallbackDepth) fallbackDepth = -1;
                        break;
                    }
                    if (xml.Depth == textDepth) textDepth = -1;
                    else if (xml.LocalName == "p" && IsWord(xml.NamespaceURI) && openParagraphs > 0)
                    {
                        openParagraphs--;
                        if (openParagraphs > 0 && !Emit("\n")) return new(null, null, TooLargeMessage);
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (textDepth >= 0 && fallbackDepth < 0 && !Emit(xml.Value)) return new(null, null, TooLargeMessage);
                    break;
            }
        }
        return new(words.Words, preview.ToString(), null);
    }

    private static bool IsWord(string ns) => ns is W or WStrict;

    private sealed class BoundExceededException : IOException;

    /// <summary>A read-only stream that fails once more than <c>max</c> bytes came through (the zip's declared size may lie).</summary>
    private sealed class BoundedStream(Stream inner, long max) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            return read > max ? throw new BoundExceededException() : n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
