using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerifiableTallyAndCalibration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalibrationCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SampleId = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationCards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalibrationSamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FilmEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationSamples", x => x.Id);
                });

            // The verifiable tally's links (issue 14, §2), keyed by (competition, seq) WITHOUT ROWID: one B-tree, one insert per
            // link on the vote path. EF has no annotation for it, so the table is written here; the model snapshot is EF's own.
            migrationBuilder.Sql("""
                CREATE TABLE "TallyLinks" (
                    "CompetitionId" INTEGER NOT NULL,
                    "Seq" INTEGER NOT NULL,
                    "Body" TEXT NOT NULL,
                    "Hash" TEXT NOT NULL,
                    "AtMs" INTEGER NOT NULL,
                    CONSTRAINT "PK_TallyLinks" PRIMARY KEY ("CompetitionId", "Seq")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationCards_IdempotencyKey",
                table: "CalibrationCards",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationCards_SampleId_JudgeId",
                table: "CalibrationCards",
                columns: new[] { "SampleId", "JudgeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationSamples_RoundId_Position",
                table: "CalibrationSamples",
                columns: new[] { "RoundId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationCards");

            migrationBuilder.DropTable(
                name: "CalibrationSamples");

            migrationBuilder.DropTable(
                name: "TallyLinks");
        }
    }
}
