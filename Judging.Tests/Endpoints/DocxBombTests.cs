namespace Judging.Tests.Endpoints;

using System.IO.Compression;
using Judging.App.Cases;

/// <summary>A small .docx that expands to more than 64 MiB is not read for its text (a "zip bomb").</summary>
public sealed class DocxBombTests
{
    private static MemoryStream Docx(long mainBytes)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using var main = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (long n = 0; n < mainBytes; n += block.Length) main.Write(block, 0, (int)Math.Min(block.Length, mainBytes - n));
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
}
