import { expect, test } from 'vitest';
import { pinyinKeys } from '../../electron/services/pinyin';

test.each([
  ['张三', 'zs', 'zhangsan'],
  ['汤婷建', 'ttj', 'tangtingjian'],
  // Surnames read differently from the everyday character.
  ['单田芳', 'stf', 'shantianfang'],
  ['曾国藩', 'zgf', 'zengguofan'],
  ['解晓东', 'xxd', 'xiexiaodong'],
  ['仇英', 'qy', 'qiuying'],
  ['区志坚', 'ozj', 'ouzhijian'],
  ['尉迟恭', 'ycg', 'yuchigong'],
  ['欧阳修', 'oyx', 'ouyangxiu'],
  ['吕布', 'lb', 'lvbu'],
  ['阿依古丽·买买提', 'ayglmmt', 'ayigulimaimaiti'],
  ['张 三', 'zs', 'zhangsan'],
  ['Mary 李', 'ml', 'maryli'],
  ['', '', ''],
])('%s → %s / %s', (name, initials, full) => {
  expect(pinyinKeys(name)).toEqual({ initials, full });
});

test('surname readings apply only to the start of the name', () => {
  // 单 inside a given name keeps its everyday reading dān.
  expect(pinyinKeys('王单').full).toBe('wangdan');
});
