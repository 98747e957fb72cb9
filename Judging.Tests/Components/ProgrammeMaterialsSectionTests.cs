namespace Judging.Tests.Components;

using System.Text;
using Bunit;
using Judging.App.Components.Pages.Programmes;
using Judging.App.Programmes;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The materials section (issue 13, "Materials"): each checklist item with ✔/✗ and 必需/选择性提供, the generated forms'
/// downloads, the uploaded file with its download, and upload forms only on the owner's page of an editable application.
/// </summary>
public sealed class ProgrammeMaterialsSectionTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Mobile = "13900001414";

    /// <summary>A 001 draft of <see cref="Mobile"/> with its business licence uploaded; its form.</summary>
    private async Task<ApplicationForm> DraftWithLicenceAsync()
    {
        using var scope = app.Services.CreateScope();
        var programmes = scope.ServiceProvider.GetRequiredService<ProgrammeService>();
        var start = await programmes.StartAsync("quality-benchmark-2021", "quality-benchmark", Mobile, CancellationToken.None);
        var materials = scope.ServiceProvider.GetRequiredService<ProgrammeMaterials>();
        using var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
        var stored = await materials.StoreAsync(start.Id, "business-licence", Mobile, "营业执照扫描件.pdf", pdf, CancellationToken.None);
        Assert.Equal(200, stored.Status);
        return (await programmes.FormAsync(start.Id, Mobile, CancellationToken.None))!;
    }

    /// <summary>Gives <paramref name="ctx"/> the app's <see cref="ProgrammeMaterials"/> (of a scope left open for the test).</summary>
    private BunitContext WithMaterials(BunitContext ctx)
    {
        var scope = app.Services.CreateScope();
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ProgrammeMaterials>());
        return ctx;
    }

    private static IRenderedComponent<ProgrammeMaterialsSection> Render(BunitContext ctx, ApplicationForm form, bool owner) =>
        ctx.Render<ProgrammeMaterialsSection>(p => p.Add(x => x.Form, form).Add(x => x.Owner, owner));

    [Fact]
    public async Task The_owner_sees_each_item_its_forms_and_upload_forms_and_the_organiser_only_downloads()
    {
        var form = await DraftWithLicenceAsync();
        await using (var ctx = WithMaterials(ComponentContext.Create()))
        {
            var cut = Render(ctx, form, owner: true);
            // materials.csv of 001: info-form (生成盖章), business-licence (上传), summary (表单), evidence (上传, 选择性提供).
            var licence = cut.Find("[data-testid=material-business-licence]");
            Assert.StartsWith("✔", licence.TextContent.Trim());
            Assert.Contains("必需", licence.TextContent);
            Assert.Contains("营业执照扫描件.pdf", cut.Find("[data-testid=file-business-licence]").TextContent);
            Assert.StartsWith("/programme-materials/", cut.Find("[data-testid=file-business-licence] a").GetAttribute("href"));
            Assert.StartsWith("✗", cut.Find("[data-testid=material-evidence]").TextContent.Trim());
            Assert.Contains("选择性提供", cut.Find("[data-testid=material-evidence]").TextContent);
            Assert.Equal($"/programme-applications/{form.Row.Id}/forms/info-form.pdf", cut.Find("[data-testid=form-info-form]").GetAttribute("href"));
            Assert.Contains("打印盖章后上传扫描件", cut.Find("[data-testid=material-info-form]").TextContent);
            // Upload forms for the uploaded items (the stamped scan, the licence, the evidence), and for the summary typed on the
            // form its Word document read per heading; all multipart to their endpoints.
            var forms = cut.FindAll("form");
            Assert.Equal(
                [$"/programme-applications/{form.Row.Id}/materials/info-form", $"/programme-applications/{form.Row.Id}/materials/business-licence",
                    $"/programme-applications/{form.Row.Id}/summary", $"/programme-applications/{form.Row.Id}/materials/evidence"],
                forms.Select(f => f.GetAttribute("action")));
            Assert.All(forms, f => Assert.Equal("multipart/form-data", f.GetAttribute("enctype")));
            Assert.Contains(".docx", cut.Find("[data-testid=upload-evidence]").GetAttribute("accept"));
            Assert.DoesNotContain(".docx", cut.Find("[data-testid=upload-business-licence]").GetAttribute("accept"));
        }
        await using (var ctx = WithMaterials(ComponentContext.Create()))
        {
            var cut = Render(ctx, form, owner: false);
            Assert.Empty(cut.FindAll("form"));
            Assert.Contains("营业执照扫描件.pdf", cut.Find("[data-testid=file-business-licence]").TextContent);
        }
    }

    [Fact]
    public async Task The_message_of_the_last_upload_shows_in_English()
    {
        var form = await DraftWithLicenceAsync();
        await using var ctx = WithMaterials(ComponentContext.Create("en"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/programmes/applications/{form.Row.Id}?m=ok&item=business-licence");
        var cut = Render(ctx, form, owner: true);
        Assert.Equal("Uploaded: 营业执照（原件扫描）", cut.Find("[data-testid=material-message]").TextContent.Trim());
        Assert.Contains("Optional", cut.Find("[data-testid=material-evidence]").TextContent);
        Assert.Contains("Print, stamp and upload the scan", cut.Find("[data-testid=material-info-form]").TextContent);
    }
}
