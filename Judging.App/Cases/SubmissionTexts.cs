namespace Judging.App.Cases;

using Judging.Domain.Cases;
using Microsoft.Extensions.Localization;

/// <summary>
/// What the case submission link says to a unit (<see cref="CaseEndpoints"/>'s upload answers, the submission page's
/// refusals), in the request's language (zh-CN, or English with <c>?culture=en</c> or the culture cookie; issue 12).
/// The domain words its refusals in Chinese (<see cref="DocumentSniffer"/>, <see cref="DocxText"/>,
/// <see cref="FormalReview.SubmitRefusal"/>); <see cref="Of(string)"/> and <see cref="SubmitRefusal"/> give them in the
/// request's language. English: <c>Resources/Cases/SubmissionTexts.en.resx</c>.
/// </summary>
public sealed class SubmissionTexts(IStringLocalizer<SubmissionTexts> L)
{
    /// <summary>429 from the upload limiter.</summary>
    public string TooFrequent(int minutes) => L["上传过于频繁，请 {0} 分钟后再试。如需帮助请联系组织者。", minutes];

    /// <summary>404: the link is not known.</summary>
    public string BadLink => L["提交链接无效，请向组织者核对链接。"];

    /// <summary>400: not a multipart form.</summary>
    public string UseTheForm => L["请通过提交页面的表单上传文件。"];

    /// <summary>400: the antiforgery token is missing or stale.</summary>
    public string PageExpired => L["页面已过期，请刷新提交页面后重新上传。"];

    /// <summary>400: malformed multipart.</summary>
    public string Incomplete => L["上传的数据不完整，请重新选择文件上传。"];

    /// <summary>403 on the document of another entry.</summary>
    public string NotAllowed => L["您无权查看该作品的文档。"];

    /// <summary>404: no document yet.</summary>
    public string NoDocument => L["该作品尚未提交文档。"];

    /// <summary>404: the stored file is gone.</summary>
    public string FileMissing => L["文档文件缺失，请联系管理员。"];

    /// <summary>404: no such entry.</summary>
    public string NoEntry => L["作品不存在。"];

    /// <summary>503: the server is extracting other documents.</summary>
    public string Busy => L["服务器正在处理其他文档，请稍后重新上传。"];

    /// <summary>The answer to a stored upload: submitted, or resubmitted after a return.</summary>
    public string Stored(bool resubmitted) => resubmitted ? L["已重新提交，等待形式审查。"] : L["已提交，等待形式审查。"];

    /// <summary>400: a file name longer than <see cref="CaseIntakeService.MaxFileNameLength"/> characters (<paramref name="length"/>).</summary>
    public string FileNameTooLong(int length) =>
        L["文件名过长（{0} 个字符，最多 {1} 个），请改短文件名（“单位名称+作品名称”）后重新上传。", length, CaseIntakeService.MaxFileNameLength];

    /// <summary>
    /// Why <paramref name="review"/> takes no document now (as <see cref="FormalReview.SubmitRefusal"/> decides), in the
    /// request's language; null when it does.
    /// </summary>
    public string? SubmitRefusal(FormalReview review, DateTimeOffset now, DateTimeOffset? deadline) =>
        review.SubmitRefusal(now, deadline) is null ? null
        : !IntakeWindow.IsOpen(now, deadline) ? L["提交通道已于 {0}关闭，不能再提交或重新提交。", IntakeWindow.Format(deadline!.Value)].Value
        : review.Status == FormalReviewStatus.Accepted ? L["作品已通过形式审查，不能再更换文档。"].Value
        : L["文档已提交，正在等待形式审查；只有被退回修改后才能重新提交。"].Value;

    /// <summary>The domain's refusal of a file (size, type, damaged .docx) in the request's language; any other text as is.</summary>
    public string Of(string domainMessage) => domainMessage switch
    {
        DocumentSniffer.TooLargeMessage => L["文件超过 50 MB 的上限，请压缩图片或另存为较小的 PDF 后重新上传。"],
        DocumentSniffer.EmptyMessage => L["没有收到文件，请选择要上传的案例文档（.docx 或 PDF）。"],
        "这是旧版 Word（.doc）文件，不受支持，请在 Word 中“另存为” .docx 或 PDF 后重新上传。" => L["这是旧版 Word（.doc）文件，不受支持，请在 Word 中“另存为” .docx 或 PDF 后重新上传。"],
        "文件内容不是 PDF 或 Word（.docx）文档（仅按内容判断，改扩展名无效），请上传 .docx 或 PDF。" => L["文件内容不是 PDF 或 Word（.docx）文档（仅按内容判断，改扩展名无效），请上传 .docx 或 PDF。"],
        "这是一个压缩包，但不是 Word（.docx）文档（例如 Excel、PowerPoint 或普通 zip），请上传 .docx 或 PDF。" => L["这是一个压缩包，但不是 Word（.docx）文档（例如 Excel、PowerPoint 或普通 zip），请上传 .docx 或 PDF。"],
        "Word（.docx）文件已损坏，无法打开，请重新导出后上传。" => L["Word（.docx）文件已损坏，无法打开，请重新导出后上传。"],
        DocxText.DamagedMessage => L["Word（.docx）文件已损坏，无法读取正文，请重新导出后上传。"],
        DocxText.TooLargeMessage => L["Word（.docx）文件的正文结构异常（内容或段落数量远超正常案例），无法读取，请在 Word 中重新另存为 .docx 或 PDF 后上传。"],
        "服务器正在处理其他文档，请稍后重新上传。" => Busy, // CaseStore's 503
        _ => domainMessage,
    };

    /// <summary>The message page's title and heading: 上传未成功, or 无法打开 for 403 and 404.</summary>
    public string Heading(int status) => status is 403 or 404 ? L["无法打开"] : L["上传未成功"];

    /// <summary>The message page's title.</summary>
    public string Title => L["上传未成功"];

    /// <summary>The link back to the submission page.</summary>
    public string Back => L["返回提交页面"];
}
