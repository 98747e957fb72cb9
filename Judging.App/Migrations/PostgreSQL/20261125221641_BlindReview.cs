using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class BlindReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExpertsSeeOthers",
                table: "ReviewSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResultsPublishedAt",
                table: "ReviewSettings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultsPublishedBy",
                table: "ReviewSettings",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpertsSeeOthers",
                table: "ReviewSettings");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedAt",
                table: "ReviewSettings");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedBy",
                table: "ReviewSettings");
        }
    }
}
