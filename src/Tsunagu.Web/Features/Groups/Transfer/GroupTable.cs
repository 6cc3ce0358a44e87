using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Groups.Transfer;

/// <summary>
/// The columns of the group export (and of the import, which reads the same columns back, see <see cref="GroupImporter"/>):
/// one row per group, Japanese headings, lists separated by 「、」, 会員数 a number and 設立日 a date (yyyy-MM-dd in CSV),
/// ボランティア募集 as はい／いいえ.
/// </summary>
public static class GroupTable
{
    public const string SheetName = "団体";

    public static readonly string[] Headings =
    [
        "団体名", "ふりがな", "種類", "協議会の地区", "活動分野", "地区", "活動内容", "活動日時", "活動場所", "会員数", "設立日", "会費",
        "ホームページ", "SNSなど", "ボランティア募集", "公開連絡先名", "公開メールアドレス", "公開電話番号",
        "代表者氏名", "代表者メールアドレス", "代表者電話番号", "代表者郵便番号", "代表者住所", "状態",
    ];

    public static async Task<List<SheetCell[]>> RowsAsync(TsunaguDb db, CancellationToken ct = default)
    {
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var groups = await db.Groups.AsNoTracking().Include(g => g.Fields).Include(g => g.Districts)
            .Where(g => g.Status != GroupStatus.Draft).OrderBy(g => g.NameKana).ThenBy(g => g.Id).ToListAsync(ct);
        return groups.Select(g => new SheetCell[]
        {
            g.Name, g.NameKana, GroupTypes.Japanese(g.Type), g.CouncilDistrictId is { } council ? districts.GetValueOrDefault(council) : null,
            string.Join("、", g.Fields.OrderBy(f => f.Field).Select(f => ActivityFields.Find(f.Field)!.ShortName)),
            string.Join("、", g.Districts.Select(d => districts.GetValueOrDefault(d.DistrictId, ""))),
            g.Description, g.MeetingSchedule, g.MeetingPlace, g.MemberCount, g.FoundedOn, g.Fees, g.Website, g.SocialLinks,
            g.RecruitingVolunteers ? "はい" : "いいえ", g.PublicContactName, g.PublicEmail, g.PublicPhone,
            g.RepresentativeName, g.RepresentativeEmail, g.RepresentativePhone, g.RepresentativePostalCode, g.RepresentativeAddress,
            GroupStatusText.Japanese(g.Status),
        }).ToList();
    }
}
