using Judging.App.ResultsEngine;
using Judging.App.Accounts;
using Judging.App.Api;
using Judging.App.VenueVoting;
using Judging.App.Awards;
using Judging.App.Cases;
using Judging.App.Cluster;
using Judging.App.Defence;
using Judging.App.Films;
using Judging.App.Finalists;
using Judging.App.Import;
using Judging.App.Persistence;
using Judging.App.FilmVotingPages;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.App.Components;
using Judging.App.Hosting;
using Judging.App.LiveRounds;
using Judging.App.FilmVoting;
using Judging.App.Tally;
using Judging.App.Calibration;
using Judging.App.Registration;
using Judging.App.Uploads;
using Judging.App.Recommendations;
using Judging.App.Programmes;

// Every file the app creates (logs, database, keys, uploads) is mode 600, every folder 700.
FilePermissions.RestrictNewFiles();
var root = AppRoot.Find();
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
builder.Configuration.AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false, reloadOnChange: false)
    .AddEnvironmentVariables()
    .AddCommandLine(args);
// A setting a deployment must make (e.g. the SMS gateway outside Development): one line saying how, and exit.
if (StartupChecks.Problem(builder.Environment, builder.Configuration) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}
builder.AddJudgingLogging(root);
builder.AddJudgingHosting(root);
// One front door per feature, each an AddX() here and a MapX() below (hubs are mapped by their feature).
builder.Services
    .AddPersistence(root)
    .AddLiveEvents()
    .AddCluster()
    .AddAccounts()
    .AddImport()
    .AddScoring()
    .AddCalibration()
    .AddRegistration()
    .AddRecommendations()
    .AddRegistrationDashboard()
    .AddProgrammes()
    .AddLiveRounds()
    .AddReviews()
    .AddFinalists()
    .AddAwards()
    .AddDefence()
    .AddAudienceVoting()
    .AddVoting()
    .AddTally()
    .AddPublicFilms()
    .AddFilms(root)
    .AddCases(root)
    .AddUploads()
    .AddJudgingUi();

var app = builder.Build();
try
{
    await app.InitialiseAsync(root);
}
catch (StartupException e)
{
    Console.Error.WriteLine("启动失败 / start-up failed: " + e.Message);
    return 1;
}
catch (Exception e) when (StorageFailure.Describe(e) is { } cause)
{
    // e.g. a read-only data folder without the database's -wal file: one line, not a stack trace.
    Console.Error.WriteLine($"启动失败：{cause.Replace("本次操作未保存，", "")} / Start-up failed: {e.GetBaseException().Message}");
    return 1;
}

app.UseSecurityHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseJudgingRequestLogging();
app.UseJudgingForwardedHeaders();
app.UseJudgingLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz", HealthOutput.Options);
// Liveness only (no database check): the plain endpoint, e.g. the benchmark's ceiling.
app.MapHealthChecks("/healthz/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapPersistence();
app.MapAccounts();
app.MapApi();
app.MapScoring();
app.MapCalibration();
app.MapRegistration();
app.MapRecommendations();
app.MapRegistrationDashboard();
app.MapProgrammes();
app.MapJudgeReport();
app.MapLiveRounds();
app.MapReviews();
app.MapAwards();
app.MapFinalists();
app.MapAudienceVoting();
app.MapVoting();
app.MapTally();
app.MapPublicFilms();
app.MapFilms();
app.MapCases();
app.MapUploads();
app.MapDefence();
app.MapOpenApi().RequireAuthorization(p => p.RequireRole(Roles.Organiser));
app.MapJudgingUi();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the tests.</summary>
public partial class Program;
