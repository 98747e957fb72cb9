namespace Judging.App.Uploads;

using Microsoft.Extensions.Localization;

/// <summary>
/// The refusals of the tus server (<see cref="TusEndpoints"/>) in the request's language: zh-CN as written here, English in
/// <c>Resources/Uploads/UploadTexts.en.resx</c>. Targets give their own (<see cref="UploadRefusal"/>). Singleton.
/// </summary>
public sealed class UploadTexts(IStringLocalizer<UploadTexts> L)
{
    /// <summary>412: no <c>Tus-Resumable: 1.0.0</c>.</summary>
    public string Version => L["只支持 tus 1.0.0 协议（请求须带 Tus-Resumable: 1.0.0）。"];

    /// <summary>403: a request from another origin (<see cref="Hosting.SameOrigin"/>).</summary>
    public string OtherOrigin => L["请在本系统的页面上传。"];

    /// <summary>400: no or a bad <c>Upload-Length</c>.</summary>
    public string BadLength => L["缺少或无效的 Upload-Length（须为正整数字节数）。"];

    /// <summary>400: a malformed <c>Upload-Metadata</c>.</summary>
    public string BadMetadata => L["Upload-Metadata 格式不正确。"];

    /// <summary>400: no target, or a target nobody registered.</summary>
    public string UnknownTarget => L["没有说明上传用途（target），或用途不明。"];

    /// <summary>413: larger than the target's or the server's limit ({0}: the limit, e.g. "1 GB").</summary>
    public string TooLarge(string limit) => L["文件超过 {0} 上限。", limit];

    /// <summary>413: more bytes than the announced length.</summary>
    public string PastLength => L["发送的数据超过了声明的文件大小（Upload-Length）。"];

    /// <summary>404: no such upload, another user's, finished or expired.</summary>
    public string NoUpload => L["没有这个上传，或已完成、已过期。"];

    /// <summary>409: the client's offset is not the server's ({0}: bytes the server has).</summary>
    public string OffsetMismatch(long offset) => L["上传位置不一致：服务器已有 {0} 字节。", offset];

    /// <summary>400: no or a bad <c>Upload-Offset</c>.</summary>
    public string BadOffset => L["缺少或无效的 Upload-Offset。"];

    /// <summary>415: a PATCH body that is not <c>application/offset+octet-stream</c>.</summary>
    public string NotOffsetStream => L["PATCH 的内容类型须为 application/offset+octet-stream。"];

    /// <summary>423: another request is writing this upload.</summary>
    public string Locked => L["该上传正在写入，请稍后重试。"];

    /// <summary>A size for messages: "1 GB", "8 MB", "512 KB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        _ => $"{Math.Max(1, bytes / 1024)} KB",
    };
}
