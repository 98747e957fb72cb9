namespace Judging.Tests.Domain.Cases;

using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Judging.Domain.Cases;
using Judging.Tests.Support;

/// <summary>The streaming reader of a .docx's text (issue 10, item 2) counts what the document tree counted, within bounds.</summary>
public sealed class DocxTextTests
{
    private static MemoryStream Docx(string body)
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string content) { using var w = new StreamWriter(z.CreateEntry(name).Open(), new UTF8Encoding(false)); w.Write(content); }
            Put("[Content_Types].xml", "<Types/>");
            Put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " +
                "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" + body + "</w:body></w:document>");
        }
        ms.Position = 0;
        return ms;
    }

    /// <summary>The count the app used to take: the document tree's paragraphs, each paragraph's inner text, joined by '\n'.</summary>
    private static string DomText(string path)
    {
        using var doc = WordprocessingDocument.Open(path, false);
        return string.Join('\n', doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public void Every_seed_document_has_the_word_count_and_preview_the_document_tree_gave()
    {
        var docs = Directory.GetFiles(Path.Combine(Paths.Seeds, "cases"), "*.docx");
        Assert.True(docs.Length >= 20, $"{docs.Length} seed documents");
        foreach (var path in docs)
        {
            using var s = File.OpenRead(path);
            var result = DocxText.Extract(s);
            Assert.True(result.Ok, $"{Path.GetFileName(path)}: {result.Error}");
            var dom = DomText(path);
            Assert.Equal(WordCount.Count(dom), result.Words);
            Assert.Equal(dom, result.Preview);
        }
    }

    [Fact]
    public void Paragraphs_are_separated_by_one_line_break_and_only_text_runs_count()
    {
        using var s = Docx("<w:p><w:r><w:t>质量</w:t></w:r><w:r><w:t xml:space=\"preserve\"> brand </w:t></w:r></w:p><w:p/>" +
                           "<w:p><w:r><w:instrText>HYPERLINK x</w:instrText><w:t>2025</w:t></w:r></w:p>");
        var r = DocxText.Extract(s);
        Assert.Equal("质量 brand \n\n2025", r.Preview);
        Assert.Equal(4, r.Words); // 质, 量, brand, 2025
    }

    [Fact]
    public void A_text_box_is_its_own_paragraph_and_its_fallback_copy_is_not_counted_twice()
    {
        using var s = Docx("<w:p><w:r><w:t>前</w:t></w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice>" +
                           "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent><w:r><w:t>后</w:t></w:r></w:p>");
        var r = DocxText.Extract(s);
        Assert.Equal("前\n框\n后", r.Preview);
        Assert.Equal(3, r.Words);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(z.CreateEntry("word/document.xml").Open()))
            w.Write("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><d>&b;</d>");
        ms.Position = 0;
        Assert.Equal(DocxText.DamagedMessage, DocxText.Extract(ms).Error);
    }

    [Fact]
    public void Text_beyond_the_character_limit_is_refused_and_the_preview_is_cut_at_its_limit()
    {
        var limits = new DocxLimits(1 << 20, 10_000, 50, 5);
        using var ok = Docx("<w:p><w:r><w:t>一二三四五六七</w:t></w:r></w:p>");
        var r = DocxText.Extract(ok, limits);
        Assert.Equal(("一二三四五", 7), (r.Preview, r.Words));
        using var tooLong = Docx("<w:p><w:r><w:t>" + new string('字', 51) + "</w:t></w:r></w:p>");
        Assert.Equal(DocxText.TooLargeMessage, DocxText.Extract(tooLong, limits).Error);
    }
}
