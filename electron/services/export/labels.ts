import type { ExportVariant } from '../../../shared/api/exports';

/** The words a supervisor's sheet uses for stored codes. */

export const SEX_LABELS: Record<string, string> = { M: '男', F: '女' };

export const VARIANT_LABELS: Record<ExportVariant, string> = {
  full: '完整版',
  'class-teacher': '班主任版',
  aggregate: '汇总统计版',
  deidentified: '去标识化版',
};

/** 当前措施: what the next open task asks for. */
export const TASK_LABELS: Record<string, string> = {
  safety_check: '当日安全评估',
  first_contact: '首次约谈',
  follow_up: '定期随访',
  referral_check: '转介到位跟踪',
  confirm_in_person: '需当面确认',
};

export const CASE_STATUS_LABELS = {
  school: { open: '在管', lifted: '已解除', closed: '已结案' },
  perinatal: { open: '专案管理中', lifted: '已解除', closed: '已结案' },
} as const;

export const CLOSE_REASON_LABELS: Record<string, string> = {
  recovered: '好转/痊愈',
  transferred: '转出',
  referred: '转诊',
  postpartum42: '产后42天结案',
  other: '其他',
};

export const COLOUR_LABELS: Record<string, string> = {
  green: '绿色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
  purple: '紫色',
};

export const MODE_LABELS: Record<string, string> = {
  kiosk: '本机',
  station: '机房',
  paper: '纸笔',
  import: '导入',
};

export const SCREENING_STATUS_LABELS: Record<string, string> = {
  submitted: '已完成',
  declined: '拒绝作答',
  // Only sheets holding a critical answer are exported unsubmitted (records-data.ts).
  in_progress: '未完成（含关键条目阳性）',
};

/** A submitted sheet with items left blank (English: Partially answered). */
export const PARTIAL_LABEL = '部分作答';

export const PROGRAMME_TITLES = {
  school: '学生心理健康测评随访名册',
  perinatal: '孕产妇心理健康筛查管理名册',
} as const;

/** An unsubmitted sheet where the file may not say why it was kept (items left out). */
export const UNFINISHED_LABEL = '未完成';
