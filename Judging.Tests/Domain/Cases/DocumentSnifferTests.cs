namespace Judging.Tests.Domain.Cases;

using System.IO.Compression;
using System.Text;
using Judging.Domain.Cases;

/// <summary>Case documents are told by content, not by name (issue 5: ".docx or PDF, up to 50 MB, checked by content").</summary>
public sealed class DocumentSnifferTests
{
    /// <summary>A ZIP with the given entry names (each holding a little XML).</summary>
    public static byte[] Zip(params string[] entries)
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in entries)
                using (var w = new StreamWriter(z.CreateEntry(e).Open())) w.Write("<x/>");
        return ms.ToArray();
    }

    private static SniffResult Sniff(byte[] b) => DocumentSniffer.Sniff(new MemoryStream(b));

    [Fact]
    public void Pdf_is_recognised_by_its_magic()
    {
        var r = Sniff(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF"));
        Assert.Equal(CaseFileKind.Pdf, r.Kind);
        Assert.Null(r.Error);
    }

    [Fact]
    public void Docx_needs_content_types_and_word_document()
    {
        Assert.Equal(CaseFileKind.Docx, Sniff(Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")).Kind);
    }

    [Theory]
    [InlineData("[Content_Types].xml", "xl/workbook.xml")]       // .xlsx
    [InlineData("[Content_Types].xml", "ppt/presentation.xml")]  // .pptx
    [InlineData("readme.txt", "word/document.xml")]              // no content types: a plain zip
    [InlineData("photo.png")]
    public void Other_zips_are_refused(params string[] entries)
    {
        var r = Sniff(Zip(entries));
        Assert.False(r.Ok);
        Assert.Contains("不是 Word", r.Error);
    }

    [Fact]
    public void Old_word_doc_is_refused_with_a_hint_to_save_as_docx()
    {
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };
        var r = Sniff(ole);
        Assert.False(r.Ok);
        Assert.Contains(".doc", r.Error);
        Assert.Contains("另存为", r.Error);
    }

    [Fact]
    public void A_renamed_text_file_is_refused()
    {
        var r = Sniff(Encoding.UTF8.GetBytes("这是一个改了扩展名的文本文件.docx"));
        Assert.False(r.Ok);
        Assert.Contains("改扩展名无效", r.Error);
    }

    [Fact]
    public void A_damaged_zip_is_refused_not_thrown()
    {
        var bytes = new byte[200];
        new byte[] { 0x50, 0x4B, 0x03, 0x04 }.CopyTo(bytes, 0);
        var r = Sniff(bytes);
        Assert.False(r.Ok);
        Assert.Contains("损坏", r.Error);
    }

    [Fact]
    public void Empty_is_refused()
    {
        Assert.Equal(DocumentSniffer.EmptyMessage, Sniff([]).Error);
    }

    [Fact]
    public void Limit_is_50_MiB_inclusive()
    {
        Assert.Equal(52_428_800, DocumentSniffer.MaxBytes);
        var path = Path.GetTempFileName();
        try
        {
            using (var f = new FileStream(path, FileMode.Create))
            {
                f.Write("%PDF-1.4"u8);
                f.SetLength(DocumentSniffer.MaxBytes); // sparse: no 50 MB written
            }
            using (var f = File.OpenRead(path)) Assert.Equal(CaseFileKind.Pdf, DocumentSniffer.Sniff(f).Kind);
            using (var f = new FileStream(path, FileMode.Open)) f.SetLength(DocumentSniffer.MaxBytes + 1);
            using (var f = File.OpenRead(path)) Assert.Equal(DocumentSniffer.TooLargeMessage, DocumentSniffer.Sniff(f).Error);
        }
        finally { File.Delete(path); }
    }
}
