/**
 * Common Chinese surnames (by frequency in the 2020 census ranking published by the Ministry of
 * Public Security) and given-name characters, each with its pinyin as used in a name, so demo
 * names get correct readings without a dictionary (e.g. 曾 is zeng, 单 is shan as surnames).
 */
export const surnames: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
  ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'],
  ['高', 'gao'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['邓', 'deng'], ['冯', 'feng'], ['韩', 'han'], ['曹', 'cao'],
  ['曾', 'zeng'], ['彭', 'peng'], ['萧', 'xiao'], ['蔡', 'cai'], ['潘', 'pan'], ['田', 'tian'],
  ['董', 'dong'], ['袁', 'yuan'], ['于', 'yu'], ['余', 'yu'], ['叶', 'ye'], ['蒋', 'jiang'],
  ['杜', 'du'], ['苏', 'su'], ['魏', 'wei'], ['程', 'cheng'], ['吕', 'lv'], ['丁', 'ding'],
  ['沈', 'shen'], ['任', 'ren'], ['姚', 'yao'], ['卢', 'lu'], ['傅', 'fu'], ['钟', 'zhong'],
  ['姜', 'jiang'], ['崔', 'cui'], ['谭', 'tan'], ['廖', 'liao'], ['范', 'fan'], ['汪', 'wang'],
  ['陆', 'lu'], ['金', 'jin'], ['石', 'shi'], ['戴', 'dai'], ['贾', 'jia'], ['韦', 'wei'],
  ['夏', 'xia'], ['邱', 'qiu'], ['方', 'fang'], ['侯', 'hou'], ['邹', 'zou'], ['熊', 'xiong'],
  ['孟', 'meng'], ['秦', 'qin'], ['白', 'bai'], ['江', 'jiang'], ['阎', 'yan'], ['薛', 'xue'],
  ['尹', 'yin'], ['段', 'duan'], ['雷', 'lei'], ['黎', 'li'], ['史', 'shi'], ['龙', 'long'],
  ['陶', 'tao'], ['贺', 'he'], ['顾', 'gu'], ['毛', 'mao'], ['郝', 'hao'], ['龚', 'gong'],
  ['邵', 'shao'], ['万', 'wan'], ['钱', 'qian'], ['严', 'yan'], ['单', 'shan'], ['欧阳', 'ouyang'],
];

export const givenMale: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'],
  ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'],
  ['辉', 'hui'], ['鹏', 'peng'], ['华', 'hua'], ['飞', 'fei'], ['鑫', 'xin'], ['波', 'bo'],
  ['斌', 'bin'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'], ['建', 'jian'], ['国', 'guo'],
  ['志', 'zhi'], ['文', 'wen'], ['海', 'hai'], ['林', 'lin'], ['峰', 'feng'], ['俊', 'jun'],
  ['东', 'dong'], ['晨', 'chen'], ['博', 'bo'], ['子', 'zi'], ['轩', 'xuan'], ['睿', 'rui'],
];

export const givenFemale: readonly (readonly [string, string])[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'],
  ['娟', 'juan'], ['霞', 'xia'], ['秀', 'xiu'], ['英', 'ying'], ['玲', 'ling'], ['婷', 'ting'],
  ['雪', 'xue'], ['慧', 'hui'], ['洁', 'jie'], ['琳', 'lin'], ['燕', 'yan'], ['红', 'hong'],
  ['梅', 'mei'], ['兰', 'lan'], ['萍', 'ping'], ['华', 'hua'], ['晶', 'jing'], ['颖', 'ying'],
  ['倩', 'qian'], ['佳', 'jia'], ['欣', 'xin'], ['悦', 'yue'], ['雨', 'yu'], ['梓', 'zi'],
  ['涵', 'han'], ['思', 'si'], ['诗', 'shi'], ['淑', 'shu'], ['桂', 'gui'], ['月', 'yue'],
];
