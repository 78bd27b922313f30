// Docker's SysV init script (moby contrib/init/sysvinit-debian/docker, shipped by the docker-ce packages and run by
// `service docker start` in CI images and devcontainers) sets the open-files limit before it starts dockerd; when
// the shell refuses, the script stops and no daemon starts. Docker 25 changed `ulimit -n 1048576` to
// `ulimit -Hn 524288`, which EINVALs below a higher inherited soft limit (docker/cli#4807).
import { LineRule } from './types';

export const initScriptRules: LineRule[] = [
  // dash: "/etc/init.d/docker: 62: ulimit: error setting limit (Invalid argument)";
  // bash: "/etc/init.d/docker: line 62: ulimit: open files: cannot modify limit: Invalid argument".
  {
    id: 'init-script-ulimit',
    pattern: /\binit\.d\/docker: (?:line )?\d+: ulimit: (?:[^:\n]*: )?(?:error setting limit|cannot modify limit):? \(?(?:Invalid argument|Operation not permitted)/i,
  },
  // bash under a Chinese locale (its zh_CN catalogue: "第 %d 行：", "无法修改 limit 值", "不允许的操作", "无效的参数").
  {
    id: 'init-script-ulimit',
    pattern: /\binit\.d\/docker: 第 ?\d+ ?行[:：] ?ulimit: [^\n]{0,80}?无法修改 limit 值[:：] ?(?:不允许的操作|无效的参数)/,
  },
];
