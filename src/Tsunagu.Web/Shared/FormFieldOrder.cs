using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Tsunagu.Web.Shared;

/// <summary>
/// The error summary lists errors in the order the fields appear on the form (the order their
/// properties are declared), not in ModelState's own order, so it reads top to bottom like the page.
/// </summary>
public static class FormFieldOrder
{
    public static int Of(object? pageModel, string key)
    {
        if (pageModel is null || string.IsNullOrEmpty(key)) return -1;
        var index = 0;
        foreach (var property in BoundProperties(pageModel.GetType()))
        {
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && property.PropertyType.Assembly == typeof(FormFieldOrder).Assembly)
            {
                foreach (var inner in property.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (key == $"{property.Name}.{inner.Name}") return index;
                    index++;
                }
            }
            else
            {
                if (key == property.Name) return index;
                index++;
            }
        }
        return int.MaxValue;
    }

    private static IEnumerable<PropertyInfo> BoundProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null || type.GetCustomAttribute<BindPropertiesAttribute>() is not null);
}
