using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

/// <summary>
/// Every text a form binds is limited at the form to what its column holds: a form field named like a column of an
/// entity of the same feature (Lottery.Title ↔ the lottery form's Title) declares a [StringLength] (or [MaxLength]) no
/// longer than the column, so a long text gets a message beside the field instead of PostgreSQL's 500.
/// </summary>
public class FormFieldLengthTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task EveryBoundTextField_IsLimitedToItsColumn()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<TsunaguDb>().Model;
        // Columns with a length, by feature namespace and property name (several entities may share a name).
        var columns = model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null)
                .Select(p => (Feature: Feature(e.ClrType), Entity: e.ClrType.Name, p.Name, Max: p.GetMaxLength()!.Value)))
            .Where(c => c.Feature is not null)
            .ToLookup(c => (c.Feature, c.Name));

        var problems = new List<string>();
        var checkedFields = 0;
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var feature = Feature(page);
            if (feature is null) continue;
            foreach (var (path, property) in BoundTextFields(page))
            {
                var candidates = columns[(feature, property.Name)].ToList();
                if (candidates.Count == 0) continue;
                // The entity the form is about when its name says so (NewRoom, RoomInput, RoomsModel → Room), else the longest.
                var context = $"{page.Name} {path} {property.DeclaringType!.Name}";
                var column = candidates.Where(c => context.Contains(c.Entity, StringComparison.Ordinal) || context.Contains(Plural(c.Entity), StringComparison.Ordinal))
                    .OrderByDescending(c => c.Entity.Length).FirstOrDefault();
                if (column == default) column = candidates.MaxBy(c => c.Max);
                checkedFields++;
                var limit = property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength ?? property.GetCustomAttribute<MaxLengthAttribute>()?.Length;
                if (limit is null) problems.Add($"{page.FullName}.{path}: no [StringLength], column {column.Entity}.{property.Name} holds {column.Max}");
                else if (limit > column.Max) problems.Add($"{page.FullName}.{path}: [StringLength({limit})] but column {column.Entity}.{property.Name} holds {column.Max}");
            }
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));
        checkedFields.ShouldBeGreaterThan(50, "the walk matched too few fields to columns to prove anything");
    }

    private static string Plural(string name) => name.EndsWith('y') ? name[..^1] + "ies" : name + "s";

    private static string? Feature(Type type) =>
        type.Namespace is { } ns && ns.StartsWith("Tsunagu.Web.Features.", StringComparison.Ordinal) ? ns.Split('.')[3] : null;

    /// <summary>The text properties a page binds: its own [BindProperty] strings and those of the input classes it binds (and their lists).</summary>
    private static IEnumerable<(string Path, PropertyInfo Property)> BoundTextFields(Type page)
    {
        var bindAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
        foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var bind = property.GetCustomAttribute<BindPropertyAttribute>();
            if (!bindAll && bind is null) continue;
            // Filters and route values (?q=, {key}) are looked up, never saved.
            if (bind?.SupportsGet == true) continue;
            foreach (var field in TextFields(property, property.Name, depth: 0)) yield return field;
        }
    }

    private static IEnumerable<(string Path, PropertyInfo Property)> TextFields(PropertyInfo property, string path, int depth)
    {
        var type = property.PropertyType;
        if (type == typeof(string)) { yield return (path, property); yield break; }
        if (depth > 2) yield break;
        var element = type.IsGenericType && type.GetGenericArguments() is [var single] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? single : type;
        if (!element.IsClass || element == typeof(string) || element.Namespace?.StartsWith("Tsunagu.Web", StringComparison.Ordinal) != true) yield break;
        foreach (var inner in element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            foreach (var field in TextFields(inner, $"{path}.{inner.Name}", depth + 1)) yield return field;
    }
}
