namespace Judging.App.Films;

using Microsoft.Extensions.Localization;

/// <summary>
/// The refusals of the film endpoints (<see cref="FilmEndpoints"/>) in the request's language (issue 12, section 3):
/// zh-CN as written here, English in <c>Resources/Films/FilmTexts.en.resx</c>. The upload page's script shows them
/// as the server's <c>{error}</c>. A singleton: the language is the current request's UI culture at each call.
/// </summary>
public sealed class FilmTexts(IStringLocalizer<FilmTexts> L)
{
    /// <summary>403: an upload from another origin (<see cref="Hosting.SameOrigin"/>).</summary>
    public string OtherOrigin => L["请在组织者的微电影视频页面上传。"];

    /// <summary>415: a body that is neither <c>video/*</c>, <c>application/octet-stream</c> nor multipart.</summary>
    public string NotUploadType => L["上传内容须为视频文件（video/*）或 multipart/form-data。"];

    /// <summary>403: a resumable film upload by someone not an organiser (<see cref="FilmUploadTarget"/>).</summary>
    public string OrganiserOnly => L["只有组织者可以上传视频。"];

    /// <summary>404: no such entry.</summary>
    public string NoEntry => L["没有这个参赛作品。"];

    /// <summary>400: the entry is not a film.</summary>
    public string NotFilm => L["只有微电影作品可以上传视频。"];

    /// <summary>400: a multipart body without its boundary.</summary>
    public string NoBoundary => L["上传内容格式不正确（缺少 multipart 分隔符）。"];

    /// <summary>400: a multipart body without a file.</summary>
    public string NoFile => L["上传内容中没有视频文件。"];

    /// <summary>413: over <see cref="FilmOptions.MaxBytes"/> (<see cref="FilmStore.TooLargeMessage"/> in zh-CN; it names the 1 GB of seed 000).</summary>
    public string TooLarge => L["视频文件超过 1 GB 上限"];

    /// <summary>415: not MP4, MOV or WebM by content (<see cref="FilmStore.NotVideoMessage"/> in zh-CN).</summary>
    public string NotVideo => L["只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）"];

    /// <summary>404: the entry has no video yet.</summary>
    public string NoVideo => L["该作品还没有视频。"];

    /// <summary>404: the video's file is missing from the film folder.</summary>
    public string VideoFileMissing => L["该作品的视频文件不存在。"];
}
