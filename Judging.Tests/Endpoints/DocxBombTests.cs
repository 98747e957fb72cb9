namespace Judging.Tests.Endpoints;

using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Judging.App.Cases;

/// <summary>
/// Documents that expand far beyond their size (issue 10, item 2): a small .docx whose main part is tens of megabytes of
/// empty paragraphs must be refused quickly, without building a document tree, and never reach the word count.
/// </summary>
public sealed class DocxBombTests
{
    /// <summary>A .docx whose <c>word/document.xml</c> is <paramref name="mainBytes"/> bytes of <paramref name="fill"/> repeated.</summary>
    public static MemoryStream Docx(long mainBytes, string fill = " ")
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string content) { using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false)); w.Write(content); }
            // A valid package (content types and the officeDocument relationship), so a DOM reader really opens it.
            Put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var main = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"u8.ToArray();
            var tail = "</w:body></w:document>"u8.ToArray();
            var unit = Encoding.UTF8.GetBytes(fill);
            var block = new byte[(1 << 20) / unit.Length * unit.Length];
            for (var i = 0; i < block.Length; i += unit.Length) unit.CopyTo(block, i);
            main.Write(head);
            var body = mainBytes - head.Length - tail.Length;
            for (long done = 0; done < body; done += block.Length) main.Write(block, 0, (int)Math.Min(block.Length, body - done) / unit.Length * unit.Length);
            main.Write(tail);
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public void A_main_part_over_the_limit_is_refused_before_it_is_parsed()
    {
        using var bomb = Docx(CaseStore.MaxDocumentXmlBytes + 1);
        Assert.True(bomb.Length < 1 << 20, $"compressed {bomb.Length} bytes");
        Assert.Null(CaseStore.ExtractText(bomb));
    }

    [Fact]
    public void Sixty_three_megabytes_of_empty_paragraphs_are_refused_in_well_under_a_second_without_a_document_tree()
    {
        // The attack: 98 KB on the wire, 63 MB of <w:p/> (under the 64 MiB cap) in word/document.xml. Parsed into a DOM it
        // cost about 1 GB; streamed, the element cap stops it after a few megabytes of reading.
        using var bomb = Docx(63L * 1024 * 1024, "<w:p/>");
        Assert.True(bomb.Length < 200 * 1024, $"compressed {bomb.Length} bytes");
        var watch = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = CaseStore.ExtractText(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Null(text);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed.TotalMilliseconds:0} ms");
    }
}
