using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tsunagu.Web.Tests.Api;

/// <summary>
/// Runs Redocly CLI (tests/openapi-lint, installed by test.sh with npm ci) on an OpenAPI document with the rules of
/// tests/openapi-lint/redocly.yaml, and returns its JSON report: a linter of its own, not only our reading of the spec.
/// </summary>
public static class OpenApiLint
{
    public sealed record Problem(string RuleId, string Severity, string Message, string Where);
    public sealed record Report(int Errors, int Warnings, IReadOnlyList<Problem> Problems)
    {
        public override string ToString() => $"{Errors} errors, {Warnings} warnings:\n" + string.Join("\n", Problems.Select(p => $"  {p.Severity} {p.RuleId} at {p.Where}: {p.Message}"));
    }

    public static Report Lint(string document)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tsunagu.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Tsunagu.slnx not found");
        var folder = Path.Combine(root, "tests", "openapi-lint");
        var redocly = Path.Combine(folder, "node_modules", ".bin", "redocly");
        File.Exists(redocly).ShouldBeTrue("Redocly CLI is not installed: run ./test.sh, or npm ci --prefix tests/openapi-lint");
        var file = Path.Combine(Path.GetTempPath(), $"tsunagu-openapi-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, document, Encoding.UTF8);
            var start = new ProcessStartInfo(redocly, ["lint", file, "--config", Path.Combine(folder, "redocly.yaml"), "--format", "json", "--max-problems", "1000"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                WorkingDirectory = folder,
            };
            // No telemetry and no update check: the test talks to nothing outside this machine.
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)!;
            var errorText = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var json = output.IndexOf('{', StringComparison.Ordinal) is var at and >= 0 ? output[at..] : throw new InvalidOperationException($"redocly printed no report: {output}\n{errorText.Result}");
            using var report = JsonDocument.Parse(json);
            var totals = report.RootElement.GetProperty("totals");
            var problems = report.RootElement.GetProperty("problems").EnumerateArray().Select(p => new Problem(
                p.GetProperty("ruleId").GetString() ?? "",
                p.GetProperty("severity").GetString() ?? "",
                p.GetProperty("message").GetString() ?? "",
                string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.TryGetProperty("pointer", out var pointer) ? pointer.GetString() : "")))).ToList();
            return new Report(totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), problems);
        }
        finally { File.Delete(file); }
    }
}
