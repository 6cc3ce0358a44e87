using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Shared;

/// <summary>
/// `&lt;form-field for="Input.Email" type="email" autocomplete="email" hint="…" /&gt;` renders the label,
/// the hint, the field's error and the control, wired together with aria-describedby, so every
/// form in Tsunagu reads the same to a screen reader.
/// </summary>
[HtmlTargetElement("form-field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public class FormFieldTagHelper(Text t, HtmlEncoder enc) : TagHelper
{
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }
    public string Type { get; set; } = "text";
    public string? Hint { get; set; }
    /// <summary>A label that depends on the city (e.g. the name of its evaluating body), instead of the property's Display name.</summary>
    public string? Label { get; set; }
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public int Rows { get; set; } = 5;
    /// <summary>For type="file": the types the picker offers (the server checks the content anyway).</summary>
    public string? Accept { get; set; }
    /// <summary>For type="select": the choices.</summary>
    public IEnumerable<SelectListItem>? Items { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Inside a partial rendered with for="…", names carry the partial's prefix, so one partial serves several forms.
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var label = Label ?? For.Metadata.DisplayName ?? For.Metadata.Name ?? name;
        var required = For.Metadata.IsRequired && For.Metadata.ModelType != typeof(bool);
        var errors = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var hasError = errors.Count > 0;

        var describedBy = new List<string>();
        var html = new HtmlContentBuilder();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasError ? "form-group form-group--error" : "form-group");

        if (Type == "checkbox")
        {
            var isChecked = For.Model is true;
            html.AppendHtml($"<div class=\"form-check\"><input type=\"checkbox\" id=\"{id}\" name=\"{enc.Encode(name)}\" value=\"true\"{(isChecked ? " checked" : "")}{Describe(id, hasError)}>");
            html.AppendHtml($"<label for=\"{id}\">{enc.Encode(label)}</label></div>");
            html.AppendHtml($"<input type=\"hidden\" name=\"{enc.Encode(name)}\" value=\"false\">");
            AppendHintAndErrors(html, id, errors);
            output.Content.SetHtmlContent(html);
            return;
        }

        html.AppendHtml($"<label class=\"form-label\" for=\"{id}\">{enc.Encode(label)}");
        if (required) html.AppendHtml($" <span class=\"form-label__required\">{enc.Encode(t["必須"])}</span>");
        html.AppendHtml("</label>");
        AppendHintAndErrors(html, id, errors);

        // Passwords are never written back into the page.
        var shown = ViewContext.ModelState.TryGetValue(name, out var e2) && e2.AttemptedValue is not null ? e2.AttemptedValue : For.Model;
        // A date field takes ISO dates (yyyy-MM-dd) whatever the page's language.
        if (Type == "date" && shown is DateOnly or DateTime)
            shown = shown is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : ((DateTime)shown).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // A time field takes HH:mm, as browsers send it back.
        if (Type == "time" && shown is TimeOnly time) shown = time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var value = Type is "password" or "file" ? "" : Convert.ToString(shown, System.Globalization.CultureInfo.CurrentCulture) ?? "";
        var common = $"class=\"form-control\" id=\"{id}\" name=\"{enc.Encode(name)}\"{(required ? " required aria-required=\"true\"" : "")}{Describe(id, hasError)}"
            + (Autocomplete is null ? "" : $" autocomplete=\"{enc.Encode(Autocomplete)}\"")
            + (Inputmode is null ? "" : $" inputmode=\"{enc.Encode(Inputmode)}\"");
        switch (Type)
        {
            case "textarea":
                html.AppendHtml($"<textarea {common} rows=\"{Rows}\">{enc.Encode(value)}</textarea>");
                break;
            case "select":
                html.AppendHtml($"<select {common}>");
                foreach (var item in Items ?? [])
                {
                    var selected = item.Selected || item.Value == value;
                    html.AppendHtml($"<option value=\"{enc.Encode(item.Value)}\"{(selected ? " selected" : "")}>{enc.Encode(item.Text)}</option>");
                }
                html.AppendHtml("</select>");
                break;
            case "file":
                // A file input never carries a value back into the page.
                html.AppendHtml($"<input {common} type=\"file\"{(Accept is null ? "" : $" accept=\"{enc.Encode(Accept)}\"")}>");
                break;
            default:
                html.AppendHtml($"<input {common} type=\"{enc.Encode(Type)}\" value=\"{enc.Encode(value)}\">");
                break;
        }
        output.Content.SetHtmlContent(html);

        string Describe(string fieldId, bool invalid)
        {
            if (Hint is not null) describedBy.Add(fieldId + "-hint");
            if (invalid) describedBy.Add(fieldId + "-error");
            return (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "") + (invalid ? " aria-invalid=\"true\"" : "");
        }
    }

    private void AppendHintAndErrors(HtmlContentBuilder html, string id, List<string> errors)
    {
        if (Hint is not null) html.AppendHtml($"<p class=\"form-hint\" id=\"{id}-hint\">{enc.Encode(t[Hint])}</p>");
        if (errors.Count > 0)
        {
            html.AppendHtml($"<p class=\"form-error\" id=\"{id}-error\"><span class=\"visually-hidden\">{enc.Encode(t["エラー："])}</span>");
            html.AppendHtml(string.Join("<br>", errors.Select(enc.Encode)));
            html.AppendHtml("</p>");
        }
    }
}
