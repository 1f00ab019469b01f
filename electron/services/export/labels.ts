import type { ExportVariant } from '../../../shared/api/exports';
import type { Programme } from '../../../shared/instruments/schema';

/**
 * The words a supervisor's sheet uses for stored codes, in the UI's terms: where a school and a
 * maternal service say it differently (转介 / 转诊, 班主任), by programme.
 */

export const SEX_LABELS: Record<string, string> = { M: '男', F: '女' };

export const VARIANT_LABELS: Record<Programme, Record<ExportVariant, string>> = {
  school: {
    full: '完整版',
    'class-teacher': '班主任版',
    aggregate: '汇总统计版',
    deidentified: '去标识化版',
  },
  // A maternal service has no class teachers: the variant without scores or items is its 简版.
  perinatal: { full: '完整版', 'class-teacher': '简版', aggregate: '汇总统计版', deidentified: '去标识化版' },
};

/** 当前措施: what the next open task asks for (首次联系 as the case page says it). */
export const TASK_LABELS: Record<Programme, Record<string, string>> = {
  school: {
    safety_check: '当日安全评估',
    first_contact: '首次联系',
    follow_up: '定期随访',
    referral_check: '转介到位跟踪',
    confirm_in_person: '需当面确认',
    make_referral: '办理转介',
  },
  perinatal: {
    safety_check: '当日安全评估',
    first_contact: '首次联系',
    follow_up: '定期随访',
    referral_check: '转诊到位跟踪',
    confirm_in_person: '需当面确认',
    make_referral: '办理转诊',
  },
};

/** 备注 for a referral not yet attended. */
export const REFERRAL_PENDING_LABELS: Record<Programme, string> = {
  school: '转介未到位',
  perinatal: '转诊未到位',
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
  // The LAN station serves a computer lab and a clinic's waiting room alike (the alert list says 测评站作答).
  station: '测评站',
  paper: '纸笔',
  import: '导入',
};

export const SCREENING_STATUS_LABELS: Record<string, string> = {
  submitted: '已完成',
  // The UI's word (测评计划 progress, the respondent's button): one term for a declined sheet.
  declined: '不参加',
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
