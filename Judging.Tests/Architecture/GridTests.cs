namespace Judging.Tests.Architecture;

using System.Text.RegularExpressions;
using Judging.Tests.Support;

/// <summary>
/// Issue 12, section 1: every list an organiser works through is a MudDataGrid that stays responsive however long it gets
/// (a page at a time, in the browser or from the server), with MudBlazor's pager in the page's language.
/// </summary>
public sealed partial class GridTests
{
    private static readonly string Components = Path.Combine(Paths.Root, "Judging.App", "Components");

    /// <summary>Grids that show every row on purpose, with why.</summary>
    private static readonly Dictionary<string, string> Unpaged = new()
    {
        ["Pages/Organiser/FilmUpload.razor"] = "a row's upload in progress must stay in view; one row per film of a competition (tens)",
        ["Pages/Organiser/Dashboard.razor"] = "the rounds of one competition (at most a dozen)",
    };

    [GeneratedRegex(@"<MudDataGrid\b.*?</MudDataGrid>", RegexOptions.Singleline)]
    private static partial Regex Grid();

    private static IEnumerable<(string File, string Grid)> Grids() =>
        Directory.EnumerateFiles(Components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => Grid().Matches(File.ReadAllText(f)).Select(m => (Path.GetRelativePath(Components, f).Replace('\\', '/'), m.Value)));

    [Fact]
    public void Every_grid_pages_with_the_localized_pager()
    {
        // MudDataGridPager's label and page info are parameters with English defaults that MudLocalizer never sees, so a
        // grid pages with Components/Shared/GridPager.razor, which sets them in the page's language.
        var direct = Directory.EnumerateFiles(Components, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("GridPager.razor", StringComparison.Ordinal) && File.ReadAllText(f).Contains("<MudDataGridPager", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Components, f)).ToList();
        Assert.True(direct.Count == 0, "Use <GridPager T=\"Row\" /> instead of MudDataGridPager in:\n" + string.Join("\n", direct));
    }

    [Fact]
    public void Every_grid_shows_a_page_at_a_time_unless_listed_with_its_reason()
    {
        var grids = Grids().ToList();
        Assert.True(grids.Count >= 15, $"only {grids.Count} grids found: is the pattern still right?");
        var unpaged = grids.Where(g => !g.Grid.Contains("<GridPager", StringComparison.Ordinal) && !Unpaged.ContainsKey(g.File))
            .Select(g => g.File).Distinct().ToList();
        Assert.True(unpaged.Count == 0, "Grids without a pager (add <PagerContent><GridPager …/></PagerContent> and RowsPerPage):\n" + string.Join("\n", unpaged));
        // A pager's first page size is what the grid opens with: RowsPerPage set, or MudBlazor's 10 rows.
        var tiny = grids.Where(g => g.Grid.Contains("<GridPager", StringComparison.Ordinal) && !g.Grid.Contains("RowsPerPage=", StringComparison.Ordinal))
            .Select(g => g.File).Distinct().ToList();
        Assert.True(tiny.Count == 0, "Paged grids without RowsPerPage (they would open at 10 rows):\n" + string.Join("\n", tiny));
        var stale = Unpaged.Keys.Where(k => !grids.Any(g => g.File == k && !g.Grid.Contains("<GridPager", StringComparison.Ordinal))).ToList();
        Assert.True(stale.Count == 0, "Listed as unpaged but paged or gone now; take them off:\n" + string.Join("\n", stale));
    }
}
