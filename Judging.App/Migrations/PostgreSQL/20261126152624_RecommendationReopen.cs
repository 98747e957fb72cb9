using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class RecommendationReopen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReopenReason",
                table: "RecommendationSubmissions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReopenedAt",
                table: "RecommendationSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenedBy",
                table: "RecommendationSubmissions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReopenReason",
                table: "RecommendationSubmissions");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "RecommendationSubmissions");

            migrationBuilder.DropColumn(
                name: "ReopenedBy",
                table: "RecommendationSubmissions");
        }
    }
}
