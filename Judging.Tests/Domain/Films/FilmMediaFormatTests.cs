namespace Judging.Tests.Domain.Films;

using System.Text;
using Judging.Domain.Films;

/// <summary>Films are recognised by content, not by name (issue 4); the size limit is 1 GiB (seed 000).</summary>
public sealed class FilmMediaFormatTests
{
    /// <summary>An ISO-BMFF <c>ftyp</c> box: size, "ftyp", major brand, minor version, compatible brands.</summary>
    private static byte[] Ftyp(string brand, params string[] compatible)
    {
        var size = 16 + 4 * compatible.Length;
        var b = new List<byte> { 0, 0, 0, (byte)size };
        b.AddRange("ftyp"u8.ToArray());
        b.AddRange(Encoding.ASCII.GetBytes(brand));
        b.AddRange(new byte[] { 0, 0, 2, 0 });
        foreach (var c in compatible) b.AddRange(Encoding.ASCII.GetBytes(c));
        b.AddRange(new byte[] { 0, 0, 0, 8 }); b.AddRange("free"u8.ToArray());
        return [.. b];
    }

    /// <summary>An EBML header with EBMLVersion 1 and the given DocType, then the start of a Segment.</summary>
    private static byte[] Ebml(string docType)
    {
        var body = new List<byte> { 0x42, 0x86, 0x81, 0x01 };                      // EBMLVersion = 1
        body.AddRange(new byte[] { 0x42, 0xF7, 0x81, 0x01 });                      // EBMLReadVersion = 1
        body.AddRange(new byte[] { 0x42, 0x82, (byte)(0x80 | docType.Length) });   // DocType
        body.AddRange(Encoding.ASCII.GetBytes(docType));
        body.AddRange(new byte[] { 0x42, 0x87, 0x81, 0x04 });                      // DocTypeVersion = 4
        var b = new List<byte> { 0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | body.Count) };
        b.AddRange(body);
        b.AddRange(new byte[] { 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF });            // Segment …
        return [.. b];
    }

    [Theory]
    [InlineData("isom")]
    [InlineData("iso2")]
    [InlineData("mp41")]
    [InlineData("mp42")]
    [InlineData("avc1")]
    [InlineData("dash")]
    [InlineData("M4V ")]
    public void Ftyp_with_an_mp4_brand_is_mp4(string brand) =>
        Assert.Equal(VideoContainer.Mp4, VideoFormat.Sniff(Ftyp(brand, "isom", "avc1")));

    [Fact]
    public void Ftyp_with_the_quicktime_brand_is_mov() =>
        Assert.Equal(VideoContainer.Mov, VideoFormat.Sniff(Ftyp("qt  ", "qt  ")));

    [Fact]
    public void Webm_doc_type_is_webm() => Assert.Equal(VideoContainer.WebM, VideoFormat.Sniff(Ebml("webm")));

    [Fact]
    public void Matroska_is_refused_although_it_is_ebml() => Assert.Null(VideoFormat.Sniff(Ebml("matroska")));

    [Fact]
    public void A_text_file_renamed_mp4_is_refused() =>
        Assert.Null(VideoFormat.Sniff(Encoding.UTF8.GetBytes("这不是视频，只是改了扩展名的文本文件。\nftyp isom\n")));

    [Fact]
    public void Avi_is_refused()
    {
        var avi = new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0x10, 0, 0, 0, (byte)'A', (byte)'V', (byte)'I', (byte)' ', (byte)'L', (byte)'I', (byte)'S', (byte)'T' };
        Assert.Null(VideoFormat.Sniff(avi));
    }

    [Fact]
    public void Audio_only_m4a_and_unknown_brands_are_refused()
    {
        Assert.Null(VideoFormat.Sniff(Ftyp("M4A ", "isom")));
        Assert.Null(VideoFormat.Sniff(Ftyp("heic", "mif1")));
    }

    [Fact]
    public void Empty_short_and_truncated_headers_are_refused_without_throwing()
    {
        Assert.Null(VideoFormat.Sniff([]));
        Assert.Null(VideoFormat.Sniff(Ftyp("isom")[..10]));
        Assert.Null(VideoFormat.Sniff(Ebml("webm")[..12]));
        Assert.Null(VideoFormat.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x00]));
        Assert.Null(VideoFormat.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0xFF]));
    }

    [Fact]
    public void A_box_size_too_small_for_a_brand_is_refused()
    {
        var bad = Ftyp("isom");
        bad[3] = 4;
        Assert.Null(VideoFormat.Sniff(bad));
    }

    [Fact]
    public void The_name_plays_no_part_only_bytes_count()
    {
        // The same bytes give the same answer whatever the upload was called: Sniff takes no name at all.
        var mp4 = Ftyp("isom", "iso2", "avc1", "mp41");
        Assert.Equal(VideoContainer.Mp4, VideoFormat.Sniff(mp4));
        Assert.Equal(VideoContainer.Mp4, VideoFormat.Sniff(mp4.Concat(new byte[VideoFormat.SniffBytes]).ToArray()));
    }

    [Fact]
    public void Limit_is_one_gibibyte() => Assert.Equal(1_073_741_824L, VideoFormat.MaxBytes);

    [Theory]
    [InlineData(VideoContainer.Mp4, "video/mp4", ".mp4")]
    [InlineData(VideoContainer.Mov, "video/quicktime", ".mov")]
    [InlineData(VideoContainer.WebM, "video/webm", ".webm")]
    public void Content_types_and_extensions(VideoContainer c, string type, string ext)
    {
        Assert.Equal(type, VideoFormat.ContentType(c));
        Assert.Equal(ext, VideoFormat.Extension(c));
    }

    [Fact]
    public void Download_name_is_unit_plus_title_with_unsafe_characters_replaced()
    {
        Assert.Equal("上海电气风电集团股份有限公司+向海而生的大国风机.mp4",
            FilmFileName.For("上海电气风电集团股份有限公司", "向海而生的大国风机", VideoContainer.Mp4));
        Assert.Equal("A_B+C_D_.webm", FilmFileName.For("A/B", "C:D?", VideoContainer.WebM));
        Assert.Equal(FilmFileName.MaxStemLength + 4, FilmFileName.For(new string('质', 100), "题", VideoContainer.Mov).Length);
    }
}
