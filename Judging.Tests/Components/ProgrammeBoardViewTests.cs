namespace Judging.Tests.Components;

using Judging.App.Components.Pages.Organiser;
using Judging.App.Programmes;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>The board's filter and summary counts (issue 13, "Organiser": quick search, status and category filters, the summary line).</summary>
public sealed class ProgrammeBoardViewTests
{
    private static readonly MaterialItem Form = new("form", "申报表", true, MaterialSource.GeneratedStamped, ["申报单位"]);
    private static readonly MaterialItem Extra = new("extra", "证实性材料", false, MaterialSource.Upload, []);
    private static readonly AwardCategory Gold = new("gold", "质量金奖", ApplicantKind.Organisation, ["质量金奖"], [], [Form, Extra]);
    private static readonly AwardCategory Mayor = new("mayor", "市长质量奖", ApplicantKind.Organisation, ["市长质量奖"], [], [Form]);

    private static ApplicationRow Row(int id, string reference, AwardCategory category, string applicant, ProgrammeApplicationStatus status,
        string? admission = null, bool formDone = true) =>
        new(id, reference, category, "", applicant, status, null,
            new Eligibility([RuleCheck.Of("r", status != ProgrammeApplicationStatus.Refused, Wording.Of("符合"), Wording.Of("不符合"))], []),
            admission, [new MaterialStatus(Form, formDone, null), new MaterialStatus(Extra, false, null)], false);

    private static readonly ApplicationRow[] Rows =
    [
        Row(1, "G01", Gold, "上海申蓝精密机械有限公司", ProgrammeApplicationStatus.Submitted),
        Row(2, "G02", Gold, "上海浦江智能装备股份有限公司", ProgrammeApplicationStatus.Refused, formDone: false),
        Row(3, "M01", Mayor, "上海浦江电缆有限公司", ProgrammeApplicationStatus.Submitted, admission: "经核实已整改"),
        Row(4, "WS-0001", Mayor, "", ProgrammeApplicationStatus.Draft, formDone: false),
    ];

    private static IEnumerable<string> Filter(string? search, BoardStatusFilter status, string? category) =>
        Rows.Where(r => ProgrammeBoardView.Matches(r, search, status, category)).Select(r => r.Reference);

    [Fact]
    public void Status_filters_count_an_admitted_application_as_submitted_and_as_admitted()
    {
        Assert.Equal(["G01", "G02", "M01", "WS-0001"], Filter(null, BoardStatusFilter.All, null));
        Assert.Equal(["G01", "M01"], Filter(null, BoardStatusFilter.Submitted, null));
        Assert.Equal(["M01"], Filter(null, BoardStatusFilter.Admitted, null));
        Assert.Equal(["G02"], Filter(null, BoardStatusFilter.Refused, null));
        Assert.Equal(["WS-0001"], Filter(null, BoardStatusFilter.Draft, null));
    }

    [Fact]
    public void Search_and_category_narrow_together()
    {
        // "浦江" is in G02's and M01's applicant; the category mayor keeps M01 only.
        Assert.Equal(["G02", "M01"], Filter(" 浦江 ", BoardStatusFilter.All, null));
        Assert.Equal(["M01"], Filter("浦江", BoardStatusFilter.All, "mayor"));
        Assert.Equal(["WS-0001"], Filter("ws-0", BoardStatusFilter.All, "")); // the reference, ignoring case; "" = any category
        Assert.Equal(["G01", "G02"], Filter("质量金奖", BoardStatusFilter.All, null)); // the category's name
    }

    [Fact]
    public void Counts_give_total_submitted_refused_and_complete_materials()
    {
        // Submitted: G01, M01 (admitted). Refused: G02. Complete: the one required item (申报表) there — G01 and M01; the optional one does not count.
        Assert.Equal((4, 2, 1, 2), ProgrammeBoardView.Counts(Rows));
    }
}
