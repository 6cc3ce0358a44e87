using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Groups.Transfer;

/// <summary>
/// Imports groups from the export's columns (<see cref="GroupTable"/>): .xlsx (first sheet) or CSV in UTF-8 or Shift_JIS.
/// What the export writes reads back the same. Every row is checked first and every problem is reported
/// with its row and column; only a file without problems is written, in one transaction.
/// </summary>
public class GroupImporter(TsunaguDb db, TimeProvider clock)
{
    private static readonly string[] Required = ["団体名", "ふりがな", "種類", "活動分野", "活動内容", "代表者氏名", "代表者メールアドレス"];

    public sealed record Result(List<ImportProblem> Problems, List<Group> Groups)
    {
        public bool Ok => Problems.Count == 0;
    }

    public async Task<Result> CheckAsync(byte[] content, CancellationToken ct = default)
    {
        var (table, problems) = ImportTable.Read(content, ct);
        if (table is null) return new Result(problems, []);
        problems = ImportTable.HeadingProblems(table, GroupTable.Headings, Required);
        if (problems.Count > 0) return new Result(problems, []);

        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var taken = (await db.Groups.AsNoTracking().Select(g => g.Name).ToListAsync(ct)).ToHashSet();
        var inFile = new Dictionary<string, int>();
        var now = clock.GetUtcNow().UtcDateTime;
        var groups = new List<Group>();

        foreach (var tableRow in table.Rows)
        {
            var row = tableRow.Number;
            string Cell(string name) => table.Text(tableRow, name);
            void Problem(string col, string message) => problems.Add(new ImportProblem(row, col, message));
            string? Optional(string col, int max)
            {
                var v = Cell(col);
                if (v.Length > max) Problem(col, $"{max}文字以内にしてください。");
                return v.Length == 0 ? null : v;
            }

            foreach (var r in Required.Where(r => Cell(r).Length == 0)) Problem(r, "入力してください。");
            var name = Cell("団体名");
            if (name.Length > 100) Problem("団体名", "100文字以内にしてください。");
            if (name.Length > 0 && taken.Contains(name)) Problem("団体名", "同じ名前の団体がすでに登録されています。");
            if (name.Length > 0 && inFile.TryGetValue(name, out var firstRow)) Problem("団体名", $"{firstRow}行目と同じ団体名です。");
            else if (name.Length > 0) inFile[name] = row;

            var typeText = Cell("種類");
            GroupType? type = Enum.GetValues<GroupType>().Cast<GroupType?>().FirstOrDefault(t => GroupTypes.Japanese(t!.Value) == typeText);
            if (typeText.Length > 0 && type is null) Problem("種類", $"「{typeText}」という種類はありません。");

            int? councilDistrict = null;
            var councilText = Cell("協議会の地区");
            if (councilText.Length > 0)
            {
                if (districts.TryGetValue(councilText, out var id)) councilDistrict = id;
                else Problem("協議会の地区", $"「{councilText}」という地区はこの都市にありません。");
            }

            var fields = new List<int>();
            foreach (var f in Split(Cell("活動分野")))
            {
                if (ActivityFields.Parse(f) is { } field) fields.Add(field.Number);
                else Problem("活動分野", $"「{f}」という活動分野はありません。");
            }
            var districtIds = new List<int>();
            foreach (var d in Split(Cell("地区")))
            {
                if (districts.TryGetValue(d, out var id)) districtIds.Add(id);
                else Problem("地区", $"「{d}」という地区はこの都市にありません。");
            }

            var email = Cell("代表者メールアドレス");
            if (email.Length > 0 && !MailAddresses.IsDeliverable(email)) Problem("代表者メールアドレス", "メールアドレスの形式が正しくありません。");
            var publicEmail = Optional("公開メールアドレス", 256);
            if (publicEmail is not null && !MailAddresses.IsDeliverable(publicEmail)) Problem("公開メールアドレス", "メールアドレスの形式が正しくありません。");
            string? Phone(string col)
            {
                var v = Cell(col);
                if (v.Length == 0) return null;
                var p = ContactFormats.NormalizePhone(v);
                if (p is null) Problem(col, "電話番号の形式が正しくありません（例：083-231-1111）。");
                return p;
            }
            var postalText = Cell("代表者郵便番号");
            var postal = postalText.Length == 0 ? null : ContactFormats.NormalizePostalCode(postalText);
            if (postalText.Length > 0 && postal is null) Problem("代表者郵便番号", "郵便番号は7桁の数字にしてください（例：750-8521）。");
            int? members = null;
            var membersText = Cell("会員数");
            if (membersText.Length > 0)
            {
                if (int.TryParse(membersText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 100000) members = m;
                else Problem("会員数", "1から100000までの数にしてください。");
            }
            DateOnly? founded = null;
            var foundedText = Cell("設立日");
            if (foundedText.Length > 0)
            {
                if (DateOnly.TryParseExact(foundedText.Replace('/', '-'), "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) && Tsunagu.Web.Shared.CalendarRange.Contains(f)) founded = f;
                else Problem("設立日", "日付は 2020-04-01 の形（1900年から2100年まで）にしてください。");
            }
            var recruitingText = Cell("ボランティア募集");
            if (recruitingText.Length > 0 && recruitingText is not ("はい" or "いいえ")) Problem("ボランティア募集", "「はい」か「いいえ」にしてください。");
            var description = Cell("活動内容");
            if (description.Length > 2000) Problem("活動内容", "2000文字以内にしてください。");

            var group = new Group
            {
                Name = name,
                NameKana = Cell("ふりがな"),
                Type = type ?? GroupType.Other,
                Description = description,
                // As in registration: only a council has a council district.
                CouncilDistrictId = type == GroupType.DistrictCouncil ? councilDistrict : null,
                MeetingSchedule = Optional("活動日時", 200),
                MeetingPlace = Optional("活動場所", 200),
                MemberCount = members,
                FoundedOn = founded,
                Fees = Optional("会費", 200),
                Website = Optional("ホームページ", 300),
                SocialLinks = Optional("SNSなど", 1000),
                RecruitingVolunteers = recruitingText == "はい",
                PublicContactName = Optional("公開連絡先名", 100),
                PublicEmail = publicEmail,
                PublicPhone = Phone("公開電話番号"),
                RepresentativeName = Cell("代表者氏名"),
                RepresentativeEmail = email,
                RepresentativePhone = Phone("代表者電話番号"),
                RepresentativePostalCode = postal,
                RepresentativeAddress = Optional("代表者住所", 200),
                Status = GroupStatus.Approved,
                CreatedAt = now,
                SubmittedAt = now,
                ApprovedAt = now,
                ConfirmedAt = now,
            };
            group.Fields.AddRange(fields.Distinct().Select(f => new GroupActivityField { Field = f }));
            group.Districts.AddRange(districtIds.Distinct().Select(d => new GroupDistrict { DistrictId = d }));
            group.SearchText = SearchText.Of(group.Name, group.NameKana, group.Description, group.MeetingPlace);
            groups.Add(group);
        }
        if (table.Rows.Count == 0) problems.Add(new ImportProblem(null, null, "取り込む行がありません。"));
        return new Result(problems, problems.Count == 0 ? groups : []);
    }

    /// <summary>
    /// Checks again (the city may have changed since the preview) and writes everything or nothing, marking the upload
    /// as committed in the same transaction.
    /// </summary>
    public async Task<Result> CommitAsync(byte[] content, Guid? uploadId = null, CancellationToken ct = default)
    {
        var result = await CheckAsync(content, ct);
        if (!result.Ok) return result;
        return await db.InTurnAsync(async () =>
        {
            if (uploadId is { } id)
            {
                // The upload is claimed inside the transaction: a second commit of the same file (a double click) waits
                // for this one, then finds it taken and imports nothing.
                var claimed = await db.ImportUploads.Where(u => u.Id == id && u.CommittedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.CommittedAt, clock.GetUtcNow().UtcDateTime), ct);
                if (claimed == 0) return new Result([new ImportProblem(null, null, "このファイルはすでに取り込みました。")], []);
            }
            // Written in slices inside the one transaction: the change tracker (and the audit entries it yields)
            // stays small, which keeps a 10,000-row import well within seconds; nothing is visible until the commit.
            foreach (var slice in result.Groups.Chunk(500))
            {
                db.Groups.AddRange(slice);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            return result;
        }, ct);
    }

    private static string[] Split(string list) =>
        list.Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
