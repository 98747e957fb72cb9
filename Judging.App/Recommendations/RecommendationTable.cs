namespace Judging.App.Recommendations;

using Judging.Domain.Competitions;

/// <summary>One line of 附件3 一、推荐目录.</summary>
/// <param name="Order">排序, 1 first.</param>
/// <param name="UnitName">申报单位名称（全称）.</param>
/// <param name="Title">参赛作品名称.</param>
/// <param name="Track">作品类型.</param>
/// <param name="Recommended">推荐 (true) / 不推荐 (false), or null when not yet given (a preview).</param>
/// <param name="Opinion">推荐意见's text ("" for none).</param>
public sealed record RecommendationTableLine(int Order, string UnitName, string Title, Track Track, bool? Recommended, string Opinion);

/// <summary>
/// What the 附件3 PDF (参赛作品推荐表, seed 000 附件3) prints for one recommender: the same values as
/// <c>Registration.Forms.RecommendationTableData</c> (branch regpdf), without depending on it.
/// </summary>
/// <param name="CompetitionName">大赛, the title's first line.</param>
/// <param name="RecommenderName">推荐区局/各相关产业集团公司名称.</param>
/// <param name="Rows">一、推荐目录 by 排序.</param>
/// <param name="FillerName">填表人, or null (not yet submitted).</param>
/// <param name="FillerDept">部门.</param>
/// <param name="FillerPost">职务.</param>
/// <param name="FillerPhone">电话.</param>
/// <param name="FillerEmail">邮箱.</param>
/// <param name="FilledOn">填表日期 (Beijing day), or null.</param>
/// <param name="GeneratedAt">When generated (UTC).</param>
/// <param name="Submitted">True when this is the submitted table; false for a preview of the current opinions.</param>
public sealed record RecommendationTableInput(string CompetitionName, string RecommenderName, IReadOnlyList<RecommendationTableLine> Rows,
    string? FillerName, string? FillerDept, string? FillerPost, string? FillerPhone, string? FillerEmail, DateOnly? FilledOn,
    DateTimeOffset GeneratedAt, bool Submitted);

/// <summary>Renders the 附件3 PDF (issue 15, "The recommendation table (附件3)").</summary>
public interface IRecommendationTable
{
    /// <summary>The PDF's bytes, or null when the server has no CJK font to write it with (the endpoint then answers 503 naming the package).</summary>
    byte[]? Render(RecommendationTableInput input);
}

/// <summary>
/// The 附件3 PDF through <see cref="Registration.Forms.RecommendationTablePdf"/> (PDFsharp 6.2.4, the CJK font of
/// <see cref="Hosting.CjkFonts"/>): the input's values as they are, 推荐/不推荐 ticked per row, the notice's declaration.
/// </summary>
public sealed class RecommendationTablePdfWriter : IRecommendationTable
{
    /// <inheritdoc />
    public byte[]? Render(RecommendationTableInput input)
    {
        if (!Hosting.CjkFonts.Available) return null;
        return Registration.Forms.RecommendationTablePdf.Render(new Registration.Forms.RecommendationTableData
        {
            CompetitionName = input.CompetitionName, RecommenderName = input.RecommenderName,
            Rows = input.Rows.Select(r => new Registration.Forms.RecommendationTableRow(r.Order, r.UnitName, r.Title, r.Track, r.Recommended, r.Opinion)).ToList(),
            FillerName = input.FillerName, FillerDepartment = input.FillerDept, FillerPost = input.FillerPost, FillerPhone = input.FillerPhone,
            FillerEmail = input.FillerEmail, FilledOn = input.FilledOn, GeneratedAt = input.GeneratedAt,
            Note = input.Submitted ? null : "预览：尚未提交推荐",
        });
    }
}
