using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgrammeStages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgrammeCertificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Project = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Replaces = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCertificates_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeCertificates_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCommitteeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MeetingReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Revoked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCommitteeRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCommitteeRecords_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCreditChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCreditChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCreditChecks_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MeetingReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeDecisions_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EndDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HowToObject = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    List = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeNotices_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeProposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeProposals_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeReviewEditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CompetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeReviewEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeReviewEditions_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeReviewEditions_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSiteVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSiteVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSiteVisits_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeStageFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeStageFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeStageFiles_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeObjections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NewLevel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OutcomeReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeObjections_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeObjections_ProgrammeNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "ProgrammeNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeReviewEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeReviewEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeReviewEntries_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeReviewEntries_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeReviewEntries_ProgrammeReviewEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "ProgrammeReviewEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSiteFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteVisitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSiteFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSiteFindings_ProgrammeApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ProgrammeApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeSiteFindings_ProgrammeSiteVisits_SiteVisitId",
                        column: x => x.SiteVisitId,
                        principalTable: "ProgrammeSiteVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeObjectionSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ObjectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeObjectionSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeObjectionSteps_ProgrammeObjections_ObjectionId",
                        column: x => x.ObjectionId,
                        principalTable: "ProgrammeObjections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCertificates_ApplicationId",
                table: "ProgrammeCertificates",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCertificates_Number",
                table: "ProgrammeCertificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCertificates_ProgrammeId",
                table: "ProgrammeCertificates",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCommitteeRecords_ApplicationId_Stage",
                table: "ProgrammeCommitteeRecords",
                columns: new[] { "ApplicationId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCreditChecks_ApplicationId",
                table: "ProgrammeCreditChecks",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeDecisions_ApplicationId",
                table: "ProgrammeDecisions",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeNotices_ProgrammeId",
                table: "ProgrammeNotices",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeObjections_ApplicationId",
                table: "ProgrammeObjections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeObjections_NoticeId",
                table: "ProgrammeObjections",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeObjections_NoticeId_Number",
                table: "ProgrammeObjections",
                columns: new[] { "NoticeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeObjectionSteps_ObjectionId",
                table: "ProgrammeObjectionSteps",
                column: "ObjectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeProposals_ApplicationId",
                table: "ProgrammeProposals",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReviewEditions_CompetitionId",
                table: "ProgrammeReviewEditions",
                column: "CompetitionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReviewEditions_ProgrammeId",
                table: "ProgrammeReviewEditions",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReviewEntries_ApplicationId",
                table: "ProgrammeReviewEntries",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReviewEntries_EditionId_ApplicationId",
                table: "ProgrammeReviewEntries",
                columns: new[] { "EditionId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReviewEntries_EntryId",
                table: "ProgrammeReviewEntries",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSiteFindings_ApplicationId",
                table: "ProgrammeSiteFindings",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSiteFindings_SiteVisitId",
                table: "ProgrammeSiteFindings",
                column: "SiteVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSiteVisits_ApplicationId",
                table: "ProgrammeSiteVisits",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeStageFiles_ApplicationId",
                table: "ProgrammeStageFiles",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeStageFiles_Kind_OwnerId",
                table: "ProgrammeStageFiles",
                columns: new[] { "Kind", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeCertificates");

            migrationBuilder.DropTable(
                name: "ProgrammeCommitteeRecords");

            migrationBuilder.DropTable(
                name: "ProgrammeCreditChecks");

            migrationBuilder.DropTable(
                name: "ProgrammeDecisions");

            migrationBuilder.DropTable(
                name: "ProgrammeObjectionSteps");

            migrationBuilder.DropTable(
                name: "ProgrammeProposals");

            migrationBuilder.DropTable(
                name: "ProgrammeReviewEntries");

            migrationBuilder.DropTable(
                name: "ProgrammeSiteFindings");

            migrationBuilder.DropTable(
                name: "ProgrammeStageFiles");

            migrationBuilder.DropTable(
                name: "ProgrammeObjections");

            migrationBuilder.DropTable(
                name: "ProgrammeReviewEditions");

            migrationBuilder.DropTable(
                name: "ProgrammeSiteVisits");

            migrationBuilder.DropTable(
                name: "ProgrammeNotices");
        }
    }
}
