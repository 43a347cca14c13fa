/**
 * The message catalogue: what the service says to people, in English and in Simplified Chinese. The language is the
 * one the request's Accept-Language prefers (Chinese when its first choice is zh, English otherwise); codes, field
 * names and other machine-read parts of an answer never change with it.
 */

export type Locale = 'en' | 'zh';

/** The locale an Accept-Language header prefers: the highest-weighted language, zh… → zh, anything else → en. */
export function localeOf(acceptLanguage: string | string[] | undefined | null): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  let best: { tag: string; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    if (!tag || tag === '*') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best && (best.tag === 'zh' || best.tag.startsWith('zh-')) ? 'zh' : 'en';
}

type Entry = { en: string; zh: string };

/** Labels of the query page (GET /graphql). */
const idePage = {
  'ide.title': { en: 'Project ledger — GraphQL', zh: '项目台账 — GraphQL 查询' },
  'ide.username': { en: 'username', zh: '用户名' },
  'ide.password': { en: 'password', zh: '密码' },
  'ide.signIn': { en: 'Sign in', zh: '登录' },
  'ide.signOut': { en: 'Sign out', zh: '退出登录' },
  'ide.signingIn': { en: 'Signing in…', zh: '正在登录…' },
  'ide.signedIn': { en: 'Signed in.', zh: '已登录。' },
  'ide.signedOut': { en: 'Signed out.', zh: '已退出登录。' },
  'ide.signInFailed': { en: 'Sign-in failed', zh: '登录失败' },
  'ide.enterCredentials': { en: 'Enter a username and a password.', zh: '请输入用户名和密码。' },
  'ide.notSignedIn': { en: 'Not signed in', zh: '未登录' },
  'ide.signedInAs': { en: 'Signed in as {user} ({role})', zh: '当前用户：{user}（{role}）' },
  'ide.pastedToken': { en: 'Using a pasted token', zh: '正在使用粘贴的令牌' },
  'ide.tokenPlaceholder': { en: 'Bearer token (or paste one)', zh: '访问令牌（可直接粘贴）' },
  'ide.queryHint': {
    en: 'Ctrl/Cmd+Enter runs the query. Sign in above first: every operation except login needs a token.',
    zh: 'Ctrl/Cmd+Enter 执行查询。请先在上方登录：除 login 外的每个操作都需要令牌。',
  },
  'ide.notBuilt': {
    en: 'The query page has not been built: run `npm run build` (or `npm run build:ide`) beside the service, then reload.',
    zh: '查询页面尚未构建：请在服务目录下运行 `npm run build`（或 `npm run build:ide`），然后刷新。',
  },
} satisfies Record<string, Entry>;

/** Every label of the query page in one locale, for the page to show. */
export function idePageLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(idePage).map(([key, entry]) => [key, entry[locale]]));
}

/** One label of the query page. */
export function idePageLabel(key: keyof typeof idePage, locale: Locale): string {
  return idePage[key][locale];
}

/** Chinese names of the entities messages name (NotFoundError's `TaskForce 5 does not exist.`). */
const entityName: Record<string, string> = {
  TaskForce: '专班',
  Subgroup: '小组',
  Unit: '单位',
  Project: '项目',
  Person: '人员',
  User: '用户',
  Target: '目标',
  Task: '任务',
  Problem: '问题',
  ProgressReport: '进度报告',
  ScreenToken: '大屏令牌',
  RoleAssignment: '职务任命',
  Node: '对象',
};
const entity = (name: string) => entityName[name] ?? name;

type Rule = [RegExp, (...groups: string[]) => string];

/** The reporting-period formats (src/domain/reporting/reporting-period.ts) in Chinese. */
const periodFormatsZh = '日（2024-05-15）、ISO 周（2024-W18）、旬（2024-05-T2：11–20日）、半月（2024-05-H1：1–15日，H2：16日至月末）、月（2024-05）或季度（2024-Q2）';

/**
 * English messages and their Chinese wording, most specific first. A message is matched whole; `$n` parts that are
 * themselves messages (a column's problem after its header) are translated in turn. Unknown messages stay English.
 */
const rules: Rule[] = [
  // Sign-in and rights
  [/^Sign in first: send "Authorization: Bearer <token>" \(see the login mutation\)\.$/, () => '请先登录：在请求头中发送 "Authorization: Bearer <令牌>"（见 login 变更）。'],
  [/^Sign in first: send "Authorization: Bearer <token>" \(see the login mutation\); introspection too needs a token here \(GRAPHQL_PUBLIC_INTROSPECTION is off\)\.?$/, () => '请先登录：在请求头中发送 "Authorization: Bearer <令牌>"（见 login 变更）；本服务的架构查询（introspection）也需要令牌（GRAPHQL_PUBLIC_INTROSPECTION 未开启）。'],
  [/^Wrong username or password\.$/, () => '用户名或密码错误。'],
  [/^The current password is wrong\.$/, () => '当前密码错误。'],
  [/^You are not allowed to do this\.$/, () => '您无权执行此操作。'],
  [/^This needs the role (.+)\.$/, (roles) => `此操作需要以下角色之一：${roles}。`],
  [/^Too many failed sign-ins from this address; try again in (\d+) seconds\.$/, (s) => `此地址登录失败次数过多，请 ${s} 秒后再试。`],
  [/^This token may not read that node\.$/, () => '此令牌无权读取该对象。'],
  [/^Only the leading-group office \(ADMIN\) may create units and subgroups \(createMissing=true\)\.$/, () => '只有领导小组办公室（ADMIN）可以新建单位和小组（createMissing=true）。'],
  // Not found, conflicts
  [/^(\w+) (\S+) does not exist\.$/, (e, id) => `${entity(e)} ${id} 不存在。`],
  [/^(.+) has changed since you read it: your version is (\d+), the current version is (\d+)\. Reload and try again\.$/, (what, mine, current) => `${what} 在您读取之后已被修改：您的版本是 ${mine}，当前版本是 ${current}。请刷新后重试。`],
  [/^Another write took this value first \(it must be unique\); read the current state and try again\.$/, () => '该值已被另一次写入占用（必须唯一）；请读取最新状态后重试。'],
  [/^The write met concurrent writes and was rolled back; nothing was changed\. Try again\.$/, () => '写入与其他并发写入冲突，已回滚，未作任何修改。请重试。'],
  [/^Project code (.+) already exists in this task force\.$/, (code) => `项目代码 ${code} 在本专班中已存在。`],
  [/^The username "(.+)" is taken\.$/, (name) => `用户名 "${name}" 已被使用。`],
  [/^(\d+) imports are running; try again in a few seconds\.$/, (n) => `当前有 ${n} 个导入正在进行，请几秒后再试。`],
  [/^Internal server error; quote reference (\S+) when reporting it\.$/, (id) => `服务器内部错误；报告问题时请提供参考编号 ${id}。`],
  [/^Nothing is served at (\S+) (.*)\.$/, (method, path) => `此地址没有内容：${method} ${path}。`],
  [/^The request body is not valid JSON\.$/, () => '请求正文不是有效的 JSON。'],
  [/^The request body is larger than the service accepts\.$/, () => '请求正文超过服务允许的大小。'],
  [/^The query parameter (\S+) is required \(a global ID\)\.$/, (name) => `缺少查询参数 ${name}（全局 ID）。`],
  // Spreadsheet files
  [/^The file is empty\.$/, () => '文件是空的。'],
  [/^The file is an empty zip archive, not a workbook\.$/, () => '文件是一个空的 zip 压缩包，不是工作簿。'],
  [/^This is an old \.xls workbook \(or a password-protected one\); save it as \.xlsx \(Excel 2007 or later\) or as CSV and upload that\.$/, () => '这是旧版 .xls 工作簿（或设有密码的工作簿）；请另存为 .xlsx（Excel 2007 及以后版本）或 CSV 后再上传。'],
  [/^This is an OpenDocument spreadsheet \(\.ods/, () => '这是 OpenDocument 电子表格（.ods，WPS 或 LibreOffice 的格式），本服务不读取此格式；请在 WPS、LibreOffice 或 Excel 中"另存为" Excel 工作簿（.xlsx）后再上传。'],
  [/^The file is neither an \.xlsx workbook nor a CSV text file\.$/, () => '文件既不是 .xlsx 工作簿，也不是 CSV 文本文件。'],
  [/^The zip file is not an \.xlsx workbook \(it has no xl\/workbook\.xml\)\.$/, () => '该 zip 文件不是 .xlsx 工作簿（缺少 xl/workbook.xml）。'],
  [/^The file is encrypted; remove the password in Excel and upload it again\.$/, () => '文件已加密；请在 Excel 中取消密码后重新上传。'],
  [/^The file is truncated: its zip directory is missing or cut short\. Upload the complete \.xlsx file again\.$/, () => '文件不完整：zip 目录缺失或被截断。请重新上传完整的 .xlsx 文件。'],
  [/^The xlsx file is damaged \((.*)\)\. Open it in Excel, save it again and retry\.$/, (why) => `xlsx 文件已损坏（${why}）。请用 Excel 打开、重新保存后再试。`],
  [/^The xlsx file could not be read \((.*)\)\. Open it in Excel, save it again and retry\.$/, (why) => `无法读取 xlsx 文件（${why}）。请用 Excel 打开、重新保存后再试。`],
  [/^The file is (\d+) bytes; at most (\d+) are accepted\.$/, (n, max) => `文件大小为 ${n} 字节，最多允许 ${max} 字节。`],
  [/^The file has more than (\d+) data rows; split it, or ask the office to raise SPREADSHEET_MAX_ROWS\.$/, (n) => `文件的数据行超过 ${n} 行；请拆分文件，或请办公室调高 SPREADSHEET_MAX_ROWS。`],
  [/^No sheet has a ledger header row: the first (\d+) rows must include a row of column names with at least (.+)\.$/, (n, cols) => `没有工作表含台账表头：前 ${n} 行中须有一行列名，至少包括 ${cols}。`],
  [/^(\d+) problem\(s\) in the file; nothing was written\. Correct the cells listed in "errors" and import again\.$/, (n) => `文件中有 ${n} 处问题，未写入任何数据。请更正 "errors" 中列出的单元格后重新导入。`],
  // Ledger rows
  [/^Column (\w+) "(.*)" repeats (.+) \(column (\w+)\); keep one of them\.$/, (col, text, header, other) => `第 ${col} 列 "${text}" 与 ${header}（第 ${other} 列）重复；请只保留一列。`],
  [/^Column (\w+) "(.*)" appears twice; rename one of them\.$/, (col, text) => `第 ${col} 列 "${text}" 出现了两次；请重命名其中一列。`],
  [/^项目代码 (.+) appears twice in the file: first in sheet "(.*)" row (\d+)\.$/, (code, sheet, row) => `项目代码 ${code} 在文件中出现了两次：第一次在工作表 "${sheet}" 第 ${row} 行。`],
  [/^(.+) is empty; every row needs it\.$/, (header) => `${header} 为空；每一行都必须填写。`],
  [/^责任单位 "(.*)" is not in the unit directory; correct the name, or let the office \(ADMIN\) import with createMissing=true\.$/, (name) => `责任单位 "${name}" 不在单位名录中；请更正名称，或由办公室（ADMIN）以 createMissing=true 导入。`],
  [/^责任单位 "(.*)" matches (\d+) units \((.*)\); the office must tell them apart\.$/, (name, n, regions) => `责任单位 "${name}" 对应 ${n} 个单位（${regions}）；需由办公室加以区分。`],
  [/^责任单位 "(.*)" is not your unit: (.+)$/, (name, why) => `责任单位 "${name}" 不是您的单位：${translateMessage(why, 'zh')}`],
  [/^所属小组 "(.*)" is not a subgroup of this task force; correct the name, or let the office \(ADMIN\) import with createMissing=true\.$/, (name) => `所属小组 "${name}" 不是本专班的小组；请更正名称，或由办公室（ADMIN）以 createMissing=true 导入。`],
  [/^所属小组 "(.*)" matches (\d+) subgroups of this task force\.$/, (name, n) => `所属小组 "${name}" 对应本专班的 ${n} 个小组。`],
  [/^Project (.+) is archived; the office must restore it before it can be imported again\.$/, (code) => `项目 ${code} 已归档；需由办公室恢复后才能再次导入。`],
  [/^Project (.+) belongs to another unit: (.+)$/, (code, why) => `项目 ${code} 属于其他单位：${translateMessage(why, 'zh')}`],
  [/^项目代码 (.+) is the same code as (.+) for the database, which compares codes without case, width or accents; keep one of them\.$/, (code, other) => `项目代码 ${code} 与 ${other.replace(/ in sheet "(.*)" row (\d+)$/, '（工作表 "$1" 第 $2 行）').replace('another code of this file or of the task force', '本文件或本专班的另一个代码')} 在数据库看来是同一个代码（数据库比较代码时不区分大小写、全半角和重音）；请只保留一个。`],
  [/^The figures would be dated (\S+), after today \((\S+)\); a ledger states figures already reached\.$/, (date, now) => `这些数据的日期为 ${date}，晚于今天（${now}）；台账只填报已完成的数据。`],
  [/^Custom columns: (.+)\.$/, (problem) => `自定义列：${translateMessage(problem, 'zh')}。`],
  [/^Only the leading-group office \(ADMIN\) sets (.+?)(?: \((.*)\))?\.$/, (what, detail) => `只有领导小组办公室（ADMIN）可以设置${what}${detail ? `（${detail}）` : ''}。`],
  [/^Writing projects needs the role ADMIN or REPORTER; you are (\w+)\.$/, (role) => `写入项目需要 ADMIN 或 REPORTER 角色；您的角色是 ${role}。`],
  [/^A reporter may write only its own unit's projects\.$/, () => '填报员只能写入本单位的项目。'],
  [/^Your unit takes no part in this task force .*$/, () => '您的单位未参与本专班（本专班没有小组包保您的单位，您的单位在本专班也没有项目）；填报员只能在本单位参与的专班中新建项目。'],
  [/^"(.*)" is not a 建设性质; write one of (.+)$/, (v, list) => `"${v}" 不是有效的建设性质；请填写以下之一：${list}`],
  [/^custom field names must be 1–(\d+) characters$/, (n) => `自定义列名须为 1–${n} 个字符`],
  [/^custom fields may hold at most (\d+) columns, got (\d+)$/, (max, n) => `自定义列最多 ${max} 列，实际 ${n} 列`],
  [/^custom fields may hold at most ([\d,]+) bytes of text in all \(Chinese characters count 3\), got ([\d,]+)$/, (max, n) => `自定义列的文本合计最多 ${max} 字节（每个汉字计 3 字节），实际 ${n} 字节`],
  [/^the text is (\d+) characters long; at most ([\d,]+) fit$/, (n, max) => `文本长 ${n} 个字符，最多 ${max} 个`],
  // Cell values
  [/^expected an amount in 万元, found the date (.+)$/, (v) => `应为以万元计的金额，实际为日期 ${v}`],
  [/^the cell shows the error (\S+); expected an amount in 万元$/, (e) => `单元格显示错误 ${e}；应为以万元计的金额`],
  [/^the cell shows the error (\S+); expected a date$/, (e) => `单元格显示错误 ${e}；应为日期`],
  [/^the cell shows the error (\S+)$/, (e) => `单元格显示错误 ${e}`],
  [/^expected an amount in 万元, found a value that is not a number$/, () => '应为以万元计的金额，实际不是数字'],
  [/^expected an amount in 万元 \(a number, optionally with 万元 or 亿元\), found (.+)$/, (v) => `应为以万元计的金额（数字，可带"万元"或"亿元"），实际为 ${v}`],
  [/^expected an amount in 万元, found (.+)$/, (v) => `应为以万元计的金额，实际为 ${v}`],
  [/^amounts cannot be negative, found (.+)$/, (v) => `金额不能为负数，实际为 ${v}`],
  [/^the amount (.+) is too large$/, (v) => `金额 ${v} 过大`],
  [/^expected a whole number, found (.+)$/, (v) => `应为整数，实际为 ${v}`],
  [/^(.+) is not a date that exists$/, (v) => `${v} 不是存在的日期`],
  [/^the date cell is empty or invalid$/, () => '日期单元格为空或无效'],
  [/^(.+) is outside 1900–2199$/, (v) => `${v} 不在 1900–2199 年之间`],
  [/^(.+) is a year alone; write at least the month \(2021年4月\)$/, (v) => `${v} 只有年份；请至少写到月份（如 2021年4月）`],
  [/^(.+) is not a date Excel knows$/, (v) => `${v} 不是 Excel 能识别的日期`],
  [/^expected a date such as 2021年4月15日, 2021\.4 or 2021-04-15, found (.+)$/, (v) => `应为日期，如 2021年4月15日、2021.4 或 2021-04-15，实际为 ${v}`],
  [/^expected a date, found (.+)$/, (v) => `应为日期，实际为 ${v}`],
  [/^(.+) is not a stage; write one of (.+)$/, (v, list) => `${v} 不是有效的建设阶段；请填写以下之一：${list}`],
  [/^the text is (\d+) characters long; at most (\d+) fit$/, (n, max) => `文本长 ${n} 个字符，最多 ${max} 个`],
  [/^(.+) \((.+)\) must not be before (.+) \((.+)\)$/, (end, endValue, start, startValue) => `${end}（${endValue}）不能早于 ${start}（${startValue}）`],
  // Input checks
  [/^after "(.*)" is not a cursor of this change log \(the latest is (\d+)\)\.$/, (after, latest) => `after "${after}" 不是本变更日志的游标（最新的是 ${latest}）。`],
  [/^after "(.*)" is older than the change log keeps \(the earliest is (\d+)\); reload the view and subscribe without after\.$/, (after, earliest) => `after "${after}" 早于变更日志保留的范围（最早的是 ${earliest}）；请刷新视图并不带 after 重新订阅。`],
  [/^Invalid value for (\S+): (.+)$/, (field, problem) => `${field} 的值无效：${translateMessage(problem, 'zh')}`],
  [/^(\S+) must not be blank\.$/, (field) => `${field} 不能为空。`],
  [/^(\S+) must be an ISO date such as (\S+), got "(.*)"\.$/, (field, example, got) => `${field} 须为 ISO 日期，如 ${example}，实际为 "${got}"。`],
  [/^The query is (\d+) levels deep; at most (\d+) are allowed\.$/, (d, max) => `查询嵌套 ${d} 层，最多允许 ${max} 层。`],
  [/^The document has (\d+) aliases; at most (\d+) are allowed\.$/, (n, max) => `文档含 ${n} 个别名，最多允许 ${max} 个。`],
  // Reporting periods, series, paging and the export parameters
  [/^(\S+) must be a day \(2024-05-15\), ISO week .*; "(.*)" is not a day of the calendar\.$/, (field, got) => `${field} 须为${periodFormatsZh}；"${got}" 不是日历上的日期。`],
  [/^(\S+) must be a day \(2024-05-15\), ISO week .*, got "(.*)"\.$/, (field, got) => `${field} 须为${periodFormatsZh}，实际为 "${got}"。`],
  [/^(\S+) (\S+) \((\S+)…(\S+)\) lies outside the task force's period (\S+)…(\S+)\.$/, (field, key, start, end, from, to) => `${field} ${key}（${start}…${end}）不在专班周期 ${from}…${to} 之内。`],
  [/^A series has at most (\d+) points; (\S+) to (\S+) by (\S+) has more\. Ask for a shorter range or a longer interval\.$/, (max, from, to, interval) => `一个序列最多 ${max} 个点；${from} 至 ${to} 按 ${interval} 超出此数。请缩短时间范围或加大间隔。`],
  [/^to \((\S+)\) is before from \((\S+)\)\.$/, (to, from) => `to（${to}）早于 from（${from}）。`],
  [/^(\S+) must be true or false\.$/, (field) => `${field} 须为 true 或 false。`],
  [/^by must be one of (.+)\.$/, (list) => `by 须为以下之一：${list}。`],
  [/^(\S+) must be the ID of a (.+), got "(.*)"\.$/, (field, types, got) => `${field} 须为${types.split(' or ').map(entity).join('或')}的 ID，实际为 "${got}"。`],
  [/^Give first \(paging forward\) or last \(paging backward\), not both\.$/, () => 'first（往后翻页）与 last（往前翻页）只能给出一个。'],
  [/^Give after \(paging forward\) or before \(paging backward\), not both\.$/, () => 'after（往后翻页）与 before（往前翻页）只能给出一个。'],
  [/^before pages backward: give last with it, not first\.$/, () => 'before 用于往前翻页：请与 last 一起使用，而不是 first。'],
  [/^last pages backward: give before with it, not after\.$/, () => 'last 用于往前翻页：请与 before 一起使用，而不是 after。'],
  [/^(first|last) must be between 0 and (\d+)\.$/, (field, max) => `${field} 须在 0 到 ${max} 之间。`],
  [/^(after|before) is not a cursor of this list( \(in this order\))?\.$/, (field, order) => `${field} 不是本列表${order ? '（当前排序）' : ''}的游标。`],
  [/^filter\.lightAsOf is the date the light filter judges at: give filter\.light too\.$/, () => 'filter.lightAsOf 是灯色筛选所依据的日期：请同时给出 filter.light。'],
  // Uploads, browsers, /metrics
  [/^The origin (\S+) may not call this service from a browser; the operator lists allowed origins in CORS_ORIGINS\.$/, (origin) => `来源 ${origin} 不能从浏览器调用本服务；允许的来源由运维在 CORS_ORIGINS 中列出。`],
  [/^\/metrics needs "Authorization: Bearer <METRICS_TOKEN>"\.$/, () => '/metrics 需要 "Authorization: Bearer <METRICS_TOKEN>"。'],
  [/^\/metrics answers callers on this machine only; set METRICS_TOKEN to scrape it from elsewhere \(docs\/operations\.md\)\.$/, () => '/metrics 只回答本机的调用；要从别处采集，请设置 METRICS_TOKEN（见 docs/operations.md）。'],
  [/^The file is larger than (\d+) bytes, the most accepted\.$/, (max) => `文件超过 ${max} 字节，即允许的上限。`],
  [/^The upload is (\d+) bytes; a file of at most (\d+) bytes is accepted\.$/, (n, max) => `上传内容为 ${n} 字节；文件最多允许 ${max} 字节。`],
  [/^The multipart\/form-data body has no boundary in its Content-Type; let the browser \(FormData\) set the header\.$/, () => 'multipart/form-data 请求的 Content-Type 中没有 boundary；请让浏览器（FormData）设置该请求头。'],
  [/^Send one file per upload\.$/, () => '每次上传一个文件。'],
  [/^The form has too many parts; send the file alone\.$/, () => '表单的部分过多；请只发送文件。'],
  [/^The form has too many fields; send the file alone\.$/, () => '表单的字段过多；请只发送文件。'],
  [/^The multipart\/form-data body is malformed or cut short\.$/, () => 'multipart/form-data 请求正文格式错误或不完整。'],
  [/^The form carries no file: add the ledger as a file field, e\.g\. formData\.append\("file", input\.files\[0\]\)\.$/, () => '表单中没有文件：请把台账作为文件字段加入，例如 formData.append("file", input.files[0])。'],
  [/^The upload was aborted before it ended\.$/, () => '上传在完成前被中断。'],
  [/^A (\S+) body is not read; send the file as multipart\/form-data \(a form or FormData\) or as the raw body\.$/, (type) => `不读取 ${type} 格式的请求正文；请以 multipart/form-data（表单或 FormData）或原始正文发送文件。`],
  [/^createMissing=true is for the leading-group office \(ADMIN\)\.$/, () => 'createMissing=true 仅供领导小组办公室（ADMIN）使用。'],
  [/^This token may not read that task force\.$/, () => '此令牌无权读取该专班。'],
  // A column's problem after its header (项目代码: …, 总投资: …): translate the problem, keep the header.
  [/^([^:：]{1,60}): (.+?)\.?$/, (header, problem) => {
    const inner = translateMessage(problem, 'zh');
    return inner === problem ? `${header}: ${problem}` : `${header}：${inner.replace(/。$/, '')}。`;
  }],
];

/** The message in `locale`: Chinese from the catalogue when one of its rules matches, else the English as it is. */
export function translateMessage(message: string, locale: Locale): string {
  if (locale !== 'zh' || !message) return message;
  for (const [pattern, render] of rules) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return message;
}

/**
 * Translates the messages of a JSON answer in place: `error.message`, `errors[].message` (import reports and
 * GraphQL responses) and `message`; nothing else (codes, fields and values stay as they are).
 */
export function translateMessages<T>(body: T, locale: Locale): T {
  if (locale !== 'zh' || !body || typeof body !== 'object') return body;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') record.message = translateMessage(record.message, locale);
  const error = record.error as Record<string, unknown> | undefined;
  if (error && typeof error === 'object' && typeof error.message === 'string') error.message = translateMessage(error.message, locale);
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) {
      if (item && typeof item === 'object' && typeof (item as { message?: unknown }).message === 'string') {
        (item as { message: string }).message = translateMessage((item as { message: string }).message, locale);
      }
    }
  }
  return body;
}
