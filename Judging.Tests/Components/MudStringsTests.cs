namespace Judging.Tests.Components;

using Bunit;
using MudBlazor;

/// <summary>MudBlazor's own strings (pager, filters) in Chinese on the Chinese UI, its English on the English one (issue 12).</summary>
public sealed class MudStringsTests
{
    private sealed record Row(string Code);

    private static IRenderedComponent<MudDataGrid<Row>> Grid(BunitContext ctx) =>
        ctx.Render<MudDataGrid<Row>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, 30).Select(i => new Row($"SP-{i:000}")).ToList())
            .Add(g => g.Columns, b => { b.OpenComponent<PropertyColumn<Row, string>>(0); b.AddAttribute(1, "Property", (System.Linq.Expressions.Expression<Func<Row, string>>)(r => r.Code)); b.CloseComponent(); })
            .Add(g => g.PagerContent, b => { b.OpenComponent<MudDataGridPager<Row>>(0); b.CloseComponent(); }));

    [Fact]
    public async Task The_pager_of_a_grid_reads_in_Chinese_on_the_Chinese_UI()
    {
        await using var ctx = ComponentContext.Create();
        ctx.RenderProviders();
        var grid = Grid(ctx);
        Assert.Contains("每页行数", grid.Markup);
        Assert.DoesNotContain("Rows per page", grid.Markup);
    }

    [Fact]
    public async Task The_pager_of_a_grid_reads_in_English_on_the_English_UI()
    {
        await using var ctx = ComponentContext.Create("en");
        ctx.RenderProviders();
        Assert.Contains("Rows per page", Grid(ctx).Markup);
    }
}
