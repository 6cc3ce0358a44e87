using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Tsunagu.Web.Shared;

/// <summary>
/// Something wrong with what a person asked for, in their language, for the field it concerns (the property name on the
/// service's input; empty for the form as a whole). Services return problems; pages put them next to the fields with
/// <see cref="ProblemsModelState.AddProblems"/>.
/// </summary>
public readonly record struct Problem(string Field, string Message);

/// <summary>The problems a rule found; none means the request can go ahead.</summary>
public sealed class Problems : List<Problem>
{
    public Problems() { }
    public Problems(IEnumerable<Problem> problems) : base(problems) { }

    public static Problems None => [];
    public static Problems Of(string field, string message) => [new Problem(field, message)];

    public bool Ok => Count == 0;

    /// <summary>The messages in one line, for a notice at the top of a page that has no field to put them beside.</summary>
    public string Summary => string.Join(" ", this.Select(p => p.Message));

    public void Add(string field, string message) => Add(new Problem(field, message));
}

/// <summary>A service's answer: the value it made or changed, or the problems that stopped it.</summary>
public sealed record Result<T>(T? Value, Problems Problems)
{
    public bool Ok => Problems.Ok;
    public static implicit operator Result<T>(T value) => new(value, Problems.None);
    public static implicit operator Result<T>(Problems problems) => new(default, problems);
}

public static class ProblemsModelState
{
    /// <summary>
    /// Puts each problem next to its field: <c>{prefix}.{Field}</c> (the form's input object, e.g. "Input"), or at the top
    /// of the form for a problem without a field. <paramref name="fieldFor"/> renames a service's field to the form's.
    /// </summary>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<Problem> problems, string? prefix = "Input", Func<string, string>? fieldFor = null)
    {
        foreach (var (field, message) in problems)
        {
            var name = fieldFor?.Invoke(field) ?? field;
            modelState.AddModelError(name.Length == 0 ? string.Empty : string.IsNullOrEmpty(prefix) ? name : $"{prefix}.{name}", message);
        }
    }
}
