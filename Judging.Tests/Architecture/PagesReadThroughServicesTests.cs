namespace Judging.Tests.Architecture;

using System.Text.RegularExpressions;
using Judging.Tests.Support;

/// <summary>
/// Issue 12, section 4: no component touches the database; each page gets a read model from its feature's service
/// (as <c>ReviewService.LoadSheetAsync → ReviewSheet</c>). The list below holds the pages not yet moved, and only
/// shrinks: a new component that injects the database fails, and so does a moved page still listed.
/// </summary>
public sealed partial class PagesReadThroughServicesTests
{
    /// <summary>Components (paths under Judging.App/Components) that still inject the database: empty when done.</summary>
    private static readonly string[] NotYetMoved =
    [
    ];

    [GeneratedRegex(@"\bJudgingDb\b|IDbContextFactory\s*<|\bDbContext\b")]
    private static partial Regex DatabaseType();

    [Fact]
    public void No_component_injects_the_database_beyond_the_pages_not_yet_moved()
    {
        var components = Path.Combine(Paths.Root, "Judging.App", "Components");
        var offenders = Directory.EnumerateFiles(components, "*.razor*", SearchOption.AllDirectories)
            .Where(f => DatabaseType().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(components, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(offenders.Except(NotYetMoved));   // a component that newly reads the database
        Assert.Empty(NotYetMoved.Except(offenders));   // a page moved to its service: take it off the list
    }
}
