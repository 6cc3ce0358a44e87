using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Tsunagu.Web.Features.Plans;

/// <summary>The plan pages that draw a field group by hand (a fieldset, a list of years) put its first error beside it.</summary>
public static class PlanPageErrors
{
    /// <summary>The first error for a field, or null.</summary>
    public static string? FirstError(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
