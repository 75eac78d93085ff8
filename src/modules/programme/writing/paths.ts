export const deskPath = '/network/programme/writing';
export const blogPath = '/network/programme/blog';
export const feedPath = '/network/programme/blog.xml';
export const adminReportsPath = '/admin/programme/reports';
export const adminPostsPath = '/admin/programme/posts';
export const adminLessonsPath = '/admin/programme/lessons';
export const practicesPath = '/network/practices';

const deploymentPath = (deploymentId: string) => `/network/programme/deployments/${deploymentId}`;
export const reportsPath = (deploymentId: string) => `${deploymentPath(deploymentId)}/reports`;
export const reportPath = (deploymentId: string, reportId: string) => `${reportsPath(deploymentId)}/${reportId}`;
export const postsPath = (deploymentId: string) => `${deploymentPath(deploymentId)}/posts`;
export const postPath = (deploymentId: string, postId: string) => `${postsPath(deploymentId)}/${postId}`;
export const lessonsPath = (deploymentId: string) => `${deploymentPath(deploymentId)}/lessons`;
export const blogPostPath = (slug: string) => `${blogPath}/${slug}`;
export const adminPostPath = (postId: string) => `${adminPostsPath}/${postId}`;
export const adminLessonPath = (lessonId: string) => `${adminLessonsPath}/${lessonId}`;
